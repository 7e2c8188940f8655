using System.Globalization;

namespace KazNer.Faults;

/// <summary>
/// SIGTERM at awkward moments (issue 26): each stopped worker must exit 0 within the drain timeout plus a few
/// seconds, and whatever it had not committed is annotated by the next worker, so nothing is lost.
/// </summary>
internal static class StopScenarios
{
    /// <summary>The workers' Pipeline:DrainTimeoutSeconds (WorkerProcess) plus the few seconds the close may take.</summary>
    public static readonly TimeSpan StopBound = TimeSpan.FromSeconds(20 + 10);

    /// <summary>
    /// 0.3 s may come before the .NET runtime takes SIGTERM (about 0.25 s after exec idle, more under load): then
    /// the signal's default action ends the process, exit 143, with nothing consumed, which is accepted. By 1 s the
    /// worker's own handler is in place and it must exit 0.
    /// </summary>
    private static readonly (TimeSpan Delay, bool MayPrecedeRuntime)[] StartUpDelays =
        [(TimeSpan.FromSeconds(0.3), true), (TimeSpan.FromSeconds(1), false), (TimeSpan.FromSeconds(2.5), false)];

    /// <summary>Long enough that a rebalance waiting for a killed member outlasts the stop (the mock waits out the session).</summary>
    private const string LongSession = "30000";

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("l", "SIGTERM during start-up", p => $"while 1 worker annotates a steady feed, 3 more start and get SIGTERM {string.Join(", ", StartUpDelays.Select(d => Scenarios.Seconds(d.Delay)))} after their start",
            StartUp),
        new("m", "SIGTERM during a rebalance that does not settle", p => $"2 workers (session timeout {int.Parse(LongSession, CultureInfo.InvariantCulture) / 1000} s); one is killed (SIGKILL), a third joins, and the survivor gets SIGTERM while the coordinator waits for the dead member",
            UnsettledRebalance) { WorkerSettings = _ => [("Kafka:ConsumerProperties:session.timeout.ms", LongSession)] },
        new("n", "SIGTERM with the brokers unreachable", p => "all 3 brokers down; the worker gets SIGTERM 1 s later; brokers back, a new worker finishes",
            BrokersDown),
        new("o", "SIGTERM mid-backlog", p => $"{BacklogDocuments(p):N0} documents fed at once; the worker gets SIGTERM when a quarter came out; a new worker finishes",
            MidBacklog),
    ];

    private static async Task<IReadOnlyList<string>> StartUp(ScenarioRun run, CancellationToken ct)
    {
        var problems = new List<string>();
        var steady = await Scenarios.Steady(run, 1, async () =>
        {
            foreach (var (delay, mayPrecedeRuntime) in StartUpDelays)
            {
                var worker = run.StartWorker();
                await Task.Delay(delay, ct);
                problems.AddRange(await StopWithinBoundAsync(worker, $"{Scenarios.Seconds(delay)} after start", mayPrecedeRuntime) is { } p ? [p] : []);
            }
        }, ct);
        return [.. steady, .. problems];
    }

    private static async Task<IReadOnlyList<string>> BrokersDown(ScenarioRun run, CancellationToken ct)
    {
        var problems = new List<string>();
        var steady = await Scenarios.Steady(run, 1, async () =>
        {
            Scenarios.Each(b => run.Topology.Cluster.SetBrokerDown(b));
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            problems.AddRange(await StopWithinBoundAsync(run.Workers[0], "with the brokers down") is { } p ? [p] : []);
            Scenarios.Each(b => run.Topology.Cluster.SetBrokerUp(b));
            await Replace(run);
        }, ct);
        return [.. steady, .. problems];
    }

    private static async Task<IReadOnlyList<string>> UnsettledRebalance(ScenarioRun run, CancellationToken ct)
    {
        var problems = new List<string>();
        var steady = await Scenarios.Steady(run, 2, async () =>
        {
            var survivor = run.Workers[0];
            var victim = run.Workers[1];
            // Each rebalance takes the mock a whole session: wait until both members hold partitions.
            if (!await survivor.JoinedAsync(TimeSpan.FromSeconds(90)) || !await victim.JoinedAsync(TimeSpan.FromSeconds(90)))
            {
                problems.Add("the two workers never both joined the group");
            }

            await victim.KillAsync();
            var joiner = run.StartWorker();
            if (!await joiner.SubscribingAsync(TimeSpan.FromSeconds(60)))
            {
                problems.Add("the third worker never started");
            }

            // Its JoinGroup starts a rebalance that waits for the killed member until that one's session runs out.
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            problems.AddRange(await StopWithinBoundAsync(survivor, "during the rebalance") is { } p ? [p] : []);
            await joiner.JoinedAsync(TimeSpan.FromSeconds(90));
        }, ct);
        return [.. steady, .. problems];
    }

    private static async Task<IReadOnlyList<string>> MidBacklog(ScenarioRun run, CancellationToken ct)
    {
        var worker = run.StartWorker();
        if (!await run.WarmUpAsync($"{run.Topology.Group}-warm-up", ct))
        {
            return ["the warm-up document never came out"];
        }

        // All at once, and at least 1,200 (the short profile's 300 are annotated before a stop can find a backlog),
        // but not so many that the mock's retention discards unread input.
        var documents = NewsCorpus.Documents(run.Topology.Input, BacklogDocuments(run.Profile) - 1, null).ToList();
        var feeding = run.Feeder.FeedAsync(documents, TimeSpan.Zero, run.Clock, ct);
        var ids = documents.Select(d => d.Id).ToList();
        while (run.Collector.Count(ids) < ids.Count / 4 && !worker.Crashed)
        {
            await Task.Delay(20, ct);
        }

        var problem = await StopWithinBoundAsync(worker, $"after {run.Collector.Count(ids)} of {ids.Count} came out");
        await feeding;
        await Replace(run);
        return problem is null ? [] : [problem];
    }

    private static int BacklogDocuments(Profile profile) => Math.Max(profile.Documents, 1_200);

    private static async Task Replace(ScenarioRun run)
    {
        await run.StartWorker().JoinedAsync(TimeSpan.FromSeconds(60));
        run.FaultEnded = run.Clock.Elapsed;
    }

    /// <returns>A problem when the worker did not exit 0 within <see cref="StopBound"/>.</returns>
    private static async Task<string?> StopWithinBoundAsync(WorkerProcess worker, string when, bool mayPrecedeRuntime = false)
    {
        var took = await worker.StopAsync(StopBound + TimeSpan.FromSeconds(30));
        var early = worker.EndedBeforeRuntime ? " (the signal came before the runtime took it)" : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {worker.Name} SIGTERM {when}: exit {worker.ExitCode} in {took.TotalSeconds:0.0} s{early}"));
        var acceptedExit = worker.ExitCode == 0 || (mayPrecedeRuntime && worker.EndedBeforeRuntime);
        return !acceptedExit || took > StopBound
            ? string.Create(CultureInfo.InvariantCulture, $"{worker.Name} (SIGTERM {when}) exited with {worker.ExitCode} after {took.TotalSeconds:0.0} s (bound {StopBound.TotalSeconds:0} s)")
            : null;
    }
}
