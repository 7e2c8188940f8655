using System.CommandLine;
using KazNer.Faults;

var shortMode = new Option<bool>("--short") { Description = "A few hundred documents per scenario and shorter faults (CI)" };
var only = new Option<string[]>("--scenario") { Description = "Run only these scenarios (a..o, repeatable)" };
var report = new Option<string?>("--report") { Description = "Markdown file whose generated table is replaced (default: docs/reliability.md in full mode, none in short mode)" };
var logs = new Option<string>("--logs") { Description = "Folder for the worker logs", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "kazner-faults") };
var root = new RootCommand("The fault matrix of issue 9: real kazner worker processes against librdkafka's mock cluster with injected faults")
{
    shortMode, only, report, logs,
};
root.SetAction(async (result, cancellation) =>
{
    var profile = result.GetValue(shortMode) ? Profile.Short : Profile.Full;
    var selected = result.GetValue(only) is { Length: > 0 } keys ? Scenarios.All.Where(s => keys.Contains(s.Key)).ToList() : [.. Scenarios.All];
    var logRoot = Path.Combine(result.GetValue(logs)!, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
    Console.WriteLine($"fault matrix, {profile.Name} profile, {selected.Count} scenarios; worker logs in {logRoot}");
    var target = result.GetValue(report) ?? (profile == Profile.Full && selected.Count == Scenarios.All.Count ? RepositoryDocument() : null);
    var results = new List<ScenarioResult>();
    var table = "";
    foreach (var scenario in selected)
    {
        results.Add(await MatrixRunner.RunAsync(scenario, profile, logRoot, cancellation));
        table = ReliabilityReport.Table(results, profile, DateTimeOffset.UtcNow, selected.Count);
        if (target is not null)
        {
            // After every scenario, so that a run cut short still leaves what it measured.
            ReliabilityReport.Write(target, table);
        }
    }

    Console.WriteLine();
    Console.WriteLine(table);
    if (target is not null)
    {
        Console.WriteLine($"written to {target}");
    }

    var failed = results.Count(r => !r.Passed);
    Console.WriteLine(failed == 0 ? "fault matrix: all scenarios passed" : $"fault matrix: {failed} of {results.Count} scenarios FAILED");
    return failed == 0 ? 0 : 1;
});
return await root.Parse(args).InvokeAsync();

static string RepositoryDocument()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "docs", "reliability.md");
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new FileNotFoundException("docs/reliability.md not found above " + AppContext.BaseDirectory);
}
