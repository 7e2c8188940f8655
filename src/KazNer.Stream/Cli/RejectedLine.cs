using KazNer.Stream.Records;

namespace KazNer.Stream.Cli;

/// <summary>A line the input rules rejected, with the reason the worker would dead-letter it for.</summary>
internal sealed record RejectedLine(string Source, InputLine Line, DeadLetterReason Reason)
{
    /// <summary>One line for stderr: <c>file:line: detail</c>.</summary>
    public override string ToString() => $"{Source}:{Line.Number}: {Reason.Detail}";
}
