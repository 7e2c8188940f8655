namespace KazNer.Stream.Cli;

/// <summary>--continue-on-error: every bad line is one line on stderr, and the rest is annotated.</summary>
internal sealed class ReportRejections(TextWriter errors) : IRejectionHandler
{
    public int Count { get; private set; }

    public void Reject(RejectedLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        Count++;
        errors.WriteLine($"kazner: {line}");
    }

    public void Dispose()
    {
    }
}
