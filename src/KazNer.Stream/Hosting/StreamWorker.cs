using KazNer.Stream.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Hosting;

/// <summary>Hosts the pipeline; a fatal pipeline error stops the host with a non-zero exit code.</summary>
internal sealed class StreamWorker(AnnotationPipeline pipeline, WorkerOutcome outcome, IHostApplicationLifetime lifetime, ILogger<StreamWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (HTTP endpoints) before the pipeline takes this thread.
        await Task.Yield();
        try
        {
            await pipeline.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            WorkerLog.Fatal(logger, e.GetBaseException().Message, e);
            outcome.ExitCode = WorkerOutcome.FatalError;
            lifetime.StopApplication();
        }
    }
}
