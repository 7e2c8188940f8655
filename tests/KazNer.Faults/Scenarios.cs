using System.Globalization;

namespace KazNer.Faults;

/// <summary>The matrix: scenarios (a)–(j) of issue 9 and the hostile-input corpus (k).</summary>
internal static class Scenarios
{
    private const short Produce = 0;
    private const short Fetch = 1;
    private const short OffsetCommit = 8;

    // Broker error codes (all retriable, as a healthy cluster under stress answers).
    private const int RequestTimedOut = 7;
    private const int NotLeaderOrFollower = 6;
    private const int NotEnoughReplicas = 19;
    private const int KafkaStorageError = 56;
    private const int CoordinatorNotAvailable = 15;
    private const int NotCoordinator = 16;
    private const int RebalanceInProgress = 27;

    /// <summary>Peak RSS the worker must stay under on the hostile corpus (stated in docs/reliability.md).</summary>
    public const long HostileRssBoundBytes = 2L * 1024 * 1024 * 1024;

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("a", "broker down and back", p => $"all 3 brokers down {Seconds(p.FaultLength)} under a steady feed",
            (run, ct) => Steady(run, 1, async () =>
            {
                Each(b => run.Topology.Cluster.SetBrokerDown(b));
                await run.AtFeed(run.Profile.FaultEnd, ct);
                Each(b => run.Topology.Cluster.SetBrokerUp(b));
            }, ct)),
        new("b", "produce errors on the output topic", p => $"Produce to the output's leader fails (NOT_ENOUGH_REPLICAS, REQUEST_TIMED_OUT, NOT_LEADER) for {Seconds(p.FaultLength)}",
            (run, ct) => Steady(run, 1, () => Inject(run, Topology.OutputBroker, Produce, [NotEnoughReplicas, RequestTimedOut, NotLeaderOrFollower], ct), ct)),
        new("c", "fetch errors", p => $"Fetch from the input's leader fails (NOT_LEADER, REQUEST_TIMED_OUT, KAFKA_STORAGE_ERROR) for {Seconds(p.FaultLength)}",
            (run, ct) => Steady(run, 1, () => Inject(run, Topology.InputBroker, Fetch, [NotLeaderOrFollower, RequestTimedOut, KafkaStorageError], ct), ct)),
        new("d", "offset-commit errors", p => $"OffsetCommit fails (REBALANCE_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR, REQUEST_TIMED_OUT) for {Seconds(p.FaultLength)}",
            (run, ct) => Steady(run, 1, () => Inject(run, Topology.CoordinatorBroker, OffsetCommit, [RebalanceInProgress, CoordinatorNotAvailable, NotCoordinator, RequestTimedOut], ct), ct)),
        new("e", "partition leaders move", p => $"input and output leaders move to the next broker every {Seconds(LeaderPeriod(p))} for {Seconds(p.FaultLength)}",
            (run, ct) => Steady(run, 1, () => MoveLeaders(run, ct), ct)),
        new("f", "three workers, one leaves, one joins", p => $"3 worker processes; one stops (SIGTERM) at {Seconds(p.FaultStart)}, a new one starts {Seconds(p.FaultLength)} later (recovery counted from when it joined)",
            (run, ct) => Steady(run, 3, async () =>
            {
                await run.Workers[2].StopAsync(TimeSpan.FromSeconds(40));
                await run.AtFeed(run.Profile.FaultEnd, ct);
                await run.StartWorker().JoinedAsync(TimeSpan.FromSeconds(60));
            }, ct)),
        new("g", "kill -9 and restart", p => "2 worker processes; one is killed (SIGKILL) mid-stream and restarted 3 s later (recovery counted from when it rejoined)",
            (run, ct) => Steady(run, 2, async () =>
            {
                await run.Workers[1].KillAsync();
                await Task.Delay(TimeSpan.FromSeconds(3), ct);
                await run.StartWorker().JoinedAsync(TimeSpan.FromSeconds(60));
            }, ct)),
        new("h", "output topic unavailable", p => $"the output's leader broker down {Seconds(p.FaultLength)} while input keeps coming",
            (run, ct) => Steady(run, 1, async () =>
            {
                run.Topology.Cluster.SetBrokerDown(Topology.OutputBroker);
                await run.AtFeed(run.Profile.FaultEnd, ct);
                run.Topology.Cluster.SetBrokerUp(Topology.OutputBroker);
            }, ct)),
        new("i", "slow broker", p => $"500 ms round trip on every broker for {Seconds(p.FaultLength)}",
            (run, ct) => Steady(run, 1, async () =>
            {
                Each(b => run.Topology.Cluster.SetBrokerRtt(b, 500));
                await run.AtFeed(run.Profile.FaultEnd, ct);
                Each(b => run.Topology.Cluster.SetBrokerRtt(b, 0));
            }, ct)),
        new("j", "a document that makes inference throw", p => "a test-only model bundle whose ONNX graph fails on one piece id; 1 document in 500 holds it",
            InferenceThrows) { WorkerSettings = dir => [("Model:Path", ThrowingModelDirectory(dir))] },
        new("k", "hostile-input corpus", p => $"{p.HostileMessages:N0} generated messages of {HostileCorpus.KindNames.Count()} hostile kinds, fed in 1 MB batches",
            Hostile),
        .. StopScenarios.All,
    ];

    private static TimeSpan LeaderPeriod(Profile profile) => profile.FaultLength / 6;

    internal static void Each(Action<int> action)
    {
        foreach (var broker in Topology.Brokers)
        {
            action(broker);
        }
    }

    internal static Task<IReadOnlyList<string>> Steady(ScenarioRun run, int workers, Func<Task> fault, CancellationToken ct) => Steady(run, workers, fault, null, ct);

    private static async Task<IReadOnlyList<string>> Steady(ScenarioRun run, int workers, Func<Task> fault, Func<int, string, string>? edit, CancellationToken ct)
    {
        for (var i = 0; i < workers; i++)
        {
            run.StartWorker();
        }

        if (!await run.WarmUpAsync($"{run.Topology.Group}-warm-up", ct))
        {
            return ["the warm-up document never came out"];
        }

        var feed = run.Feeder.FeedAsync(NewsCorpus.Documents(run.Topology.Input, run.Profile.Documents - 1, edit), run.Profile.Feed, run.Clock, ct);
        await run.AtFeed(run.Profile.FaultStart, ct);
        await fault();
        run.FaultEnded = run.Clock.Elapsed;
        await feed;
        return [];
    }

    /// <summary>
    /// Keeps two errors queued on one broker for one API until the fault ends, so every request fails meanwhile;
    /// topping up (rather than pushing a fixed number) leaves at most two behind when the fault ends.
    /// </summary>
    private static async Task Inject(ScenarioRun run, int broker, short api, int[] errors, CancellationToken ct)
    {
        var n = 0;
        while (run.Clock.Elapsed < run.FeedStarted + run.Profile.FaultEnd)
        {
            for (var queued = run.Topology.Cluster.QueuedBrokerErrors(broker, api); queued < 2; queued++)
            {
                run.Topology.Cluster.FailBrokerRequest(broker, api, errors[n++ % errors.Length]);
            }

            await Task.Delay(20, ct);
        }
    }

    private static async Task MoveLeaders(ScenarioRun run, CancellationToken ct)
    {
        var step = 0;
        while (run.Clock.Elapsed < run.FeedStarted + run.Profile.FaultEnd)
        {
            step++;
            for (var p = 0; p < Topology.Partitions; p++)
            {
                run.Topology.Cluster.SetPartitionLeader(run.Topology.Input, p, ((Topology.InputBroker - 1 + p + step) % 3) + 1);
                run.Topology.Cluster.SetPartitionLeader(run.Topology.Output, p, ((Topology.OutputBroker - 1 + p + step) % 3) + 1);
            }

            await Task.Delay(LeaderPeriod(run.Profile), ct);
        }
    }

    private static string ThrowingModelDirectory(string workDirectory) => Path.Combine(workDirectory, "throwing-model");

    private static async Task<IReadOnlyList<string>> InferenceThrows(ScenarioRun run, CancellationToken ct)
    {
        var trigger = ThrowingModelBundle.Create(ThrowingModelDirectory(run.WorkDirectory), Path.Combine(AppContext.BaseDirectory, "models", "kazner-base"), NewsCorpus.Texts);
        var problems = (await Steady(run, 1, () => Task.CompletedTask, (i, text) => i % 500 == 250 ? $"{text} {trigger} {text}" : text, ct)).ToList();
        run.FaultEnded = null;
        var expected = Enumerable.Range(0, run.Profile.Documents - 1).Where(i => i % 500 == 250).Select(i => $"{run.Topology.Input}-{i:D6}").ToHashSet();
        await run.SettleAsync(ct);
        foreach (var (id, arrival) in run.Collector.Snapshot())
        {
            var shouldFail = expected.Contains(id);
            if (shouldFail && !arrival.Reasons.Contains("inference-failed"))
            {
                problems.Add($"{id} holds the failing piece but was not dead-lettered as inference-failed");
            }
            else if (!shouldFail && arrival.DeadLettered > 0)
            {
                problems.Add($"{id} was dead-lettered ({string.Join(", ", arrival.Reasons)}) but holds no failing piece");
            }
        }

        return problems;
    }

    private static async Task<IReadOnlyList<string>> Hostile(ScenarioRun run, CancellationToken ct)
    {
        run.StartWorker();
        if (!await run.WarmUpAsync($"{run.Topology.Group}-warm-up", ct))
        {
            return ["the warm-up document never came out"];
        }

        var corpus = HostileCorpus.Generate(run.Profile.HostileMessages);
        foreach (var batch in Batches(corpus, MaxHostileBatchBytes))
        {
            await run.Feeder.FeedAsync(batch, TimeSpan.Zero, run.Clock, ct);
            // A record the mock pruned before the worker fetched it never comes out; waiting for it would only
            // stall the feed, so it counts as accounted for here (and as a note, not a loss, below).
            var deadline = run.Clock.Elapsed + TimeSpan.FromSeconds(120);
            while (Unaccounted(run, batch) > 0 && run.Clock.Elapsed < deadline && !run.Workers[0].Crashed)
            {
                await Task.Delay(250, ct);
            }
        }

        await run.SettleAsync(ct);
        var problems = new List<string>();
        var peak = run.Workers.Max(w => w.PeakRssBytes);
        if (peak > HostileRssBoundBytes)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"peak RSS {peak / (1 << 20)} MiB is over the bound of {HostileRssBoundBytes / (1 << 20)} MiB"));
        }

        var arrivals = run.Collector.Snapshot();
        var pruned = run.PrunedBeforeFetch();
        foreach (var group in corpus.GroupBy(m => m.Kind))
        {
            var missing = group.Count(m => !arrivals.ContainsKey(m.Id) && !pruned.Contains(m.Id));
            if (missing > 0)
            {
                problems.Add($"{missing} of {group.Count()} '{group.Key}' messages came out nowhere");
            }
        }

        return problems;
    }

    private static int Unaccounted(ScenarioRun run, List<FeedMessage> batch)
    {
        var ids = batch.Select(m => m.Id).ToList();
        var missing = batch.Count - run.Collector.Count(ids);
        return missing == 0 ? 0 : missing - run.PrunedBeforeFetch().Count(ids.Contains);
    }

    /// <summary>
    /// The mock keeps only the last 5 MB of each partition and silently drops older records, so the corpus goes in
    /// batches of about 1 MB, each once the previous one came out, and no unread input is ever pruned.
    /// </summary>
    private const int MaxHostileBatchBytes = 1 << 20;

    private static IEnumerable<List<FeedMessage>> Batches(IEnumerable<FeedMessage> messages, int maxBytes)
    {
        var batch = new List<FeedMessage>();
        var bytes = 0;
        foreach (var message in messages)
        {
            var size = message.Value?.Length ?? 0;
            if (batch.Count > 0 && bytes + size > maxBytes)
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(message);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    internal static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");
}
