using System.Diagnostics.Metrics;
using KazNer.Stream.Configuration;
using KazNer.Stream.Kafka;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KazNer.Stream.Tests.Support;

/// <summary>The whole pipeline in memory: real engine, in-memory source and sink, fake clock.</summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public const string Topic = "news";

    private readonly CancellationTokenSource stopping = new();
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly AnnotationPipeline pipeline;
    private Task? running;

    public PipelineHarness(PipelineOptions options, int partitions = 3, KafkaOptions? kafka = null)
    {
        Source = new InMemorySource(Topic, partitions);
        Engine = new ObservedEngine(TestEngine.Instance);
        var flow = new FlowControl(options);
        Flow = flow;
        Health = new WorkerHealth(Time, flow, options);
        pipeline = new AnnotationPipeline(
            Source,
            Sink,
            new OffsetCommitter(new InFlightLedger(flow), NullLogger<OffsetCommitter>.Instance),
            ProduceResilience.DeadLetters(flow, Time, NullLogger.Instance),
            Engine,
            kafka ?? new KafkaOptions { BootstrapServers = "in-memory", InputTopic = Topic, OutputTopic = "news.annotated", MaxMessageBytes = 4096 },
            options,
            flow,
            new StreamMetrics(services.GetRequiredService<IMeterFactory>(), flow),
            Health,
            Time,
            NullLoggerFactory.Instance);
    }

    public FakeTimeProvider Time { get; } = new();

    public InMemorySource Source { get; }

    public InMemorySink Sink { get; } = new();

    public ObservedEngine Engine { get; }

    public FlowControl Flow { get; }

    public WorkerHealth Health { get; }

    public InferenceBatcher Batcher => pipeline.Batcher;

    public void Start() => running = Task.Run(() => pipeline.RunAsync(stopping.Token));

    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        await running!.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (running is { IsCompleted: false })
        {
            await StopAsync();
        }

        pipeline.Dispose();
        Source.Dispose();
        stopping.Dispose();
        await services.DisposeAsync();
    }
}
