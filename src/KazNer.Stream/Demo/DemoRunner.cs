using KazNer.Stream.Commands;
using KazNer.Stream.DevBroker;

namespace KazNer.Stream.Demo;

/// <summary>
/// <c>kazner run --demo</c>: the real worker against an in-process development broker, fed with the sample
/// news in samples/news.jsonl; prints each annotated record as it arrives and stops when all are done.
/// </summary>
internal static class DemoRunner
{
    public const string InputTopic = "news";
    public const string OutputTopic = "news.annotated";
    public const string DeadLetterTopic = "news.dlq";
    private const int Partitions = 3;

    public static async Task<int> RunAsync(string[] settings, CancellationToken cancellation)
    {
        var samples = SampleNews.Load(Path.Combine(AppContext.BaseDirectory, "samples", "news.jsonl"));
        using var cluster = new MockCluster();
        foreach (var topic in new[] { InputTopic, OutputTopic, DeadLetterTopic })
        {
            cluster.CreateTopic(topic, Partitions);
        }

        await Console.Error.WriteLineAsync($"kazner demo: a development broker (in memory only) at {cluster.BootstrapServers}; {samples.Count} sample documents into '{InputTopic}'.").ConfigureAwait(false);
        await SampleNews.ProduceAsync(cluster.BootstrapServers, InputTopic, samples, cancellation).ConfigureAwait(false);

        var overrides = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = cluster.BootstrapServers,
            ["Kafka:InputTopic"] = InputTopic,
            ["Kafka:OutputTopic"] = OutputTopic,
            ["Kafka:DeadLetterTopic"] = DeadLetterTopic,
            ["Kafka:GroupId"] = "kazner-demo",
        };
        if (!settings.Any(s => s.Contains("Http:Port", StringComparison.OrdinalIgnoreCase)))
        {
            // A free port, so the demo never collides with a worker already on 8080.
            overrides["Http:Port"] = "0";
        }

        var printer = new RecordPrinter(cluster.BootstrapServers, OutputTopic, DeadLetterTopic);
        return await RunCommand.RunAsync(
            settings,
            overrides,
            (_, token) => printer.PrintAsync(samples.Count, Console.Out, Console.Error, token),
            cancellation).ConfigureAwait(false);
    }
}
