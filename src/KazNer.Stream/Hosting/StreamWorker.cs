using Confluent.Kafka;
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
        catch (PipelineFatalException e) when (e.GetBaseException() is KafkaException)
        {
            // Kafka said why (fenced producer, authorization, a transaction that cannot commit): one line says
            // it; the stack trace is for whoever turns Debug on. Anything else is a bug and keeps its trace.
            WorkerLog.Fatal(logger, e.GetBaseException().Message, exception: null);
            WorkerLog.FatalDetail(logger, e);
            outcome.ExitCode = WorkerOutcome.FatalError;
            lifetime.StopApplication();
        }
        catch (Exception e)
        {
            WorkerLog.Fatal(logger, e.GetBaseException().Message, e);
            outcome.ExitCode = WorkerOutcome.FatalError;
            lifetime.StopApplication();
        }
    }
}
