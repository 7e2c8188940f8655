namespace KazNer.Stream.Cli;

/// <summary>The default: the first bad line ends the command with its <c>file:line</c> (exit 3).</summary>
internal sealed class StopOnRejection : IRejectionHandler
{
    public int Count => 0;

    public void Reject(RejectedLine line) => throw new CliInputException(line.ToString());

    public void Dispose()
    {
    }
}
