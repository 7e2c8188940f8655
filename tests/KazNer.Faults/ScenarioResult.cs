namespace KazNer.Faults;

/// <summary>One row of the matrix.</summary>
internal sealed record ScenarioResult(
    string Key,
    string Title,
    string Fault,
    int Documents,
    int Lost,
    int Duplicated,
    int DeadLettered,
    int StalledPartitions,
    TimeSpan? Recovery,
    long PeakRssBytes,
    int Crashes,
    IReadOnlyList<string> Problems,
    TimeSpan Duration)
{
    /// <summary>What the row should say that is not a failure of the worker (e.g. an artefact of the mock).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>At-least-once targets: nothing lost, nothing stalled, no crash, and the scenario's own checks.</summary>
    public bool Passed => Lost == 0 && StalledPartitions == 0 && Crashes == 0 && Problems.Count == 0;
}
