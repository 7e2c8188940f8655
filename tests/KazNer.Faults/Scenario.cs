namespace KazNer.Faults;

/// <summary>
/// One row of the matrix: what it does to the worker (<see cref="Drive"/> feeds, injects and clears the fault and
/// returns any scenario-specific problems), and the worker settings it needs beyond the common ones.
/// </summary>
internal sealed record Scenario(
    string Key,
    string Title,
    Func<Profile, string> Fault,
    Func<ScenarioRun, CancellationToken, Task<IReadOnlyList<string>>> Drive)
{
    public Func<string, IReadOnlyList<(string Key, string Value)>> WorkerSettings { get; init; } = _ => [];
}
