using System.Diagnostics;
using Confluent.Kafka;

namespace KazNer.Faults;

/// <summary>Everything one scenario runs on: a fresh cluster, the feeder, the collector and the worker processes.</summary>
internal sealed class ScenarioRun : IAsyncDisposable
{
    private readonly List<WorkerProcess> workers = [];
    private readonly string logDirectory;
    private readonly IReadOnlyList<(string Key, string Value)> workerSettings;

    public ScenarioRun(string key, Profile profile, string logRoot, IReadOnlyList<(string Key, string Value)> workerSettings)
    {
        Profile = profile;
        this.workerSettings = workerSettings;
        logDirectory = Path.Combine(logRoot, key);
        Directory.CreateDirectory(logDirectory);
        Topology = Topology.Create(key);
        Feeder = new Feeder(Topology.BootstrapServers, Topology.Input);
        Collector = new Collector(Topology, Clock);
    }

    public Profile Profile { get; }

    public Topology Topology { get; }

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public Feeder Feeder { get; }

    public Collector Collector { get; }

    /// <summary>When the fault ended (or the failed process was back); recovery is measured from here.</summary>
    public TimeSpan? FaultEnded { get; set; }

    public IReadOnlyList<WorkerProcess> Workers => workers;

    public string WorkDirectory => logDirectory;

    /// <summary>When the steady feed began (after the warm-up document came out).</summary>
    public TimeSpan FeedStarted { get; private set; }

    /// <summary>Feeds one document and waits until it comes out, so that faults hit a running pipeline.</summary>
    public async Task<bool> WarmUpAsync(string id, CancellationToken cancellationToken)
    {
        await Feeder.FeedAsync([new FeedMessage(id, NewsCorpus.Json(id, NewsCorpus.Texts[0]), "warm-up")], TimeSpan.Zero, Clock, cancellationToken).ConfigureAwait(false);
        var deadline = Clock.Elapsed + TimeSpan.FromSeconds(120);
        while (Collector.Count([id]) == 0 && Clock.Elapsed < deadline)
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        FeedStarted = Clock.Elapsed;
        return Collector.Count([id]) == 1;
    }

    /// <summary>Waits until <paramref name="offset"/> after the start of the steady feed.</summary>
    public Task AtFeed(TimeSpan offset, CancellationToken cancellationToken) => At(FeedStarted + offset, cancellationToken);

    public WorkerProcess StartWorker()
    {
        var worker = WorkerProcess.Start($"worker-{workers.Count + 1}", Topology, logDirectory, workerSettings);
        workers.Add(worker);
        return worker;
    }

    /// <summary>Waits until <paramref name="at"/> on the scenario clock.</summary>
    public Task At(TimeSpan at, CancellationToken cancellationToken) =>
        at > Clock.Elapsed ? Task.Delay(at - Clock.Elapsed, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Waits until every acknowledged input came out, then until the group's committed offsets reach the end of
    /// every input partition; returns the partitions that did not (stalled) by the deadline.
    /// </summary>
    public async Task<IReadOnlyList<int>> SettleAsync(CancellationToken cancellationToken)
    {
        var deadline = Clock.Elapsed + Profile.SettleTimeout;
        var expected = Feeder.Acknowledged.Keys.ToList();
        while (Collector.Count(expected) < expected.Count && Clock.Elapsed < deadline && workers.Any(w => !w.Crashed))
        {
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }

        var commitDeadline = Clock.Elapsed + TimeSpan.FromSeconds(30);
        IReadOnlyList<int> stalled;
        while ((stalled = StalledPartitions()).Count > 0 && Clock.Elapsed < commitDeadline)
        {
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }

        return stalled;
    }

    /// <summary>Input ids whose offsets a worker's librdkafka reported discarded by the mock before it fetched them.</summary>
    public IReadOnlySet<string> PrunedBeforeFetch()
    {
        var resets = workers.SelectMany(w => w.OffsetResets).ToList();
        return Feeder.Stored
            .Where(s => resets.Any(r => r.Partition == s.Value.Partition.Value && s.Value.Offset.Value >= r.From && s.Value.Offset.Value < r.To))
            .Select(s => s.Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in workers)
        {
            await worker.DisposeAsync().ConfigureAwait(false);
        }

        Collector.Dispose();
        Topology.Dispose();
    }

    private static bool Behind(IConsumer<byte[], byte[]> consumer, TopicPartitionOffset committed)
    {
        var end = consumer.QueryWatermarkOffsets(committed.TopicPartition, TimeSpan.FromSeconds(10)).High.Value;
        return end > 0 && committed.Offset.Value < end;
    }

    private List<int> StalledPartitions()
    {
        var config = new ConsumerConfig { BootstrapServers = Topology.BootstrapServers, GroupId = Topology.Group, LogConnectionClose = false };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        var partitions = Enumerable.Range(0, Topology.Partitions).Select(p => new TopicPartition(Topology.Input, p)).ToList();
        try
        {
            var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10));
            return [.. committed.Where(c => Behind(consumer, c)).Select(c => c.Partition.Value)];
        }
        catch (KafkaException)
        {
            return [.. partitions.Select(p => p.Partition.Value)];
        }
    }
}
