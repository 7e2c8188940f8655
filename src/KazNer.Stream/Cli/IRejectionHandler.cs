namespace KazNer.Stream.Cli;

/// <summary>What the CLI does with a rejected line: stop, report and go on, or set it aside in a file.</summary>
internal interface IRejectionHandler : IDisposable
{
    /// <summary>Lines rejected so far.</summary>
    int Count { get; }

    void Reject(RejectedLine line);
}
