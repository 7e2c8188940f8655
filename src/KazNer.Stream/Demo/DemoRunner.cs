using KazNer.DevBroker;
using KazNer.Stream.Hosting;

namespace KazNer.Stream.Demo;

/// <summary>
/// <c>kazner run --demo</c>: the real worker against an in-process development broker, fed with the sample
/// news in samples/news.jsonl, with entity events on; prints each annotated document as it arrives (a table, or
/// the raw record with <c>--json</c>) and the most mentioned entities, and stops when all are done.
/// </summary>
internal static class DemoRunner
{
    private const int Partitions = 3;

    public static async Task<int> RunAsync(string[] settings, bool json, CancellationToken cancellation)
    {
        var topics = DemoTopics.Default;
        var samples = SampleNews.Load(Path.Combine(AppContext.BaseDirectory, "samples", "news.jsonl"));
        using var cluster = new MockCluster();
        foreach (var topic in topics.All)
        {
            cluster.CreateTopic(topic, Partitions);
        }

        await Console.Error.WriteLineAsync($"kazner demo: a development broker (in memory only) at {cluster.BootstrapServers}; {samples.Count} sample documents into '{topics.Input}'.").ConfigureAwait(false);
        await SampleNews.ProduceAsync(cluster.BootstrapServers, topics.Input, samples, cancellation).ConfigureAwait(false);

        var overrides = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = cluster.BootstrapServers,
            ["Kafka:InputTopic"] = topics.Input,
            ["Kafka:OutputTopic"] = topics.Output,
            ["Kafka:DeadLetterTopic"] = topics.DeadLetters,
            ["Kafka:EntityTopic"] = topics.Entities,
            ["Kafka:GroupId"] = "kazner-demo",
        };
        if (!settings.Any(s => s.Contains("Http:Port", StringComparison.OrdinalIgnoreCase)))
        {
            // A free port, so the demo never collides with a worker already on 8080.
            overrides["Http:Port"] = "0";
        }

        var printer = new RecordPrinter(cluster.BootstrapServers, topics, json);
        return await WorkerRunner.RunAsync(
            settings,
            overrides,
            (_, token) => printer.PrintAsync(samples.Count, Console.Out, Console.Error, token),
            cancellation).ConfigureAwait(false);
    }
}
