using System.Diagnostics;

namespace KazNer.Faults;

/// <summary>Runs scenarios one after another, each on a fresh cluster with fresh worker processes.</summary>
internal static class MatrixRunner
{
    public static async Task<ScenarioResult> RunAsync(Scenario scenario, Profile profile, string logRoot, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        Console.WriteLine($"== ({scenario.Key}) {scenario.Title}: {scenario.Fault(profile)}");
        var logDirectory = Path.Combine(logRoot, scenario.Key);
        var run = new ScenarioRun(scenario.Key, profile, logRoot, scenario.WorkerSettings(logDirectory));
        await using (run.ConfigureAwait(false))
        {
            var problems = new List<string>();
            problems.AddRange(await scenario.Drive(run, cancellationToken).ConfigureAwait(false));
            var stalled = await run.SettleAsync(cancellationToken).ConfigureAwait(false);
            foreach (var worker in run.Workers.Where(w => !w.Crashed))
            {
                await worker.StopAsync(TimeSpan.FromSeconds(40)).ConfigureAwait(false);
                if (worker.ExitCode is not (0 or null) && !worker.Killed && !worker.EndedBeforeRuntime)
                {
                    problems.Add($"{worker.Name} exited with code {worker.ExitCode} on SIGTERM");
                }
            }

            var result = Accounting.Tally(scenario, run, stalled, problems, watch.Elapsed);
            Console.WriteLine(ReliabilityReport.Row(result));
            Console.WriteLine($"   took {result.Duration.TotalSeconds:0} s");
            foreach (var problem in result.Problems.Take(20))
            {
                Console.WriteLine($"   problem: {problem}");
            }

            foreach (var note in result.Notes)
            {
                Console.WriteLine($"   note: {note}");
            }

            return result;
        }
    }
}
