using KazNer.Stream.Hosting;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KazNer.Stream.Tests.Integration;

/// <summary>The real worker host (config, engine, Kafka clients, HTTP) started in the test process.</summary>
internal sealed class RunningWorker : IAsyncDisposable
{
    private readonly WebApplication app;

    private RunningWorker(WebApplication app) => this.app = app;

    public Uri BaseAddress => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));

    public int ExitCode => app.Services.GetRequiredService<WorkerOutcome>().ExitCode;

    /// <summary>True while the output circuit breaker is open.</summary>
    public bool SinkDown => app.Services.GetRequiredService<FlowControl>().IsSinkDown;

    public bool ConsumptionPaused => app.Services.GetRequiredService<FlowControl>().IsConsumptionPaused;

    public long DocumentsInFlight => app.Services.GetRequiredService<FlowControl>().Documents;

    public int AssignedPartitions => app.Services.GetRequiredService<WorkerHealth>().AssignedPartitions;

    public static async Task<RunningWorker> StartAsync(KafkaFixture kafka, WorkerTopics topics, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = kafka.BootstrapServers,
            ["Kafka:InputTopic"] = topics.Input,
            ["Kafka:OutputTopic"] = topics.Output,
            ["Kafka:DeadLetterTopic"] = topics.DeadLetters,
            ["Kafka:GroupId"] = topics.Group,
            ["Http:Port"] = "0",
            ["Model:Device"] = "Cpu",
            ["Model:IntraOpThreads"] = "1",
            ["Pipeline:BatchDeadlineMs"] = "5",
            ["Pipeline:DrainTimeoutSeconds"] = "20",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in kafka.WorkerSettings.Concat(extra))
        {
            settings[key] = value;
        }

        var app = WorkerApplication.Build([], settings);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningWorker(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
