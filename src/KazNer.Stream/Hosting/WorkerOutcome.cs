namespace KazNer.Stream.Hosting;

/// <summary>The process exit code the run command returns once the host has stopped.</summary>
internal sealed class WorkerOutcome
{
    public const int FatalError = 1;

    public int ExitCode { get; set; }
}
