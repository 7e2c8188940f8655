namespace KazNer.Faults;

/// <summary>How big and how long each scenario is: the full matrix, or the short one CI runs.</summary>
internal sealed record Profile(
    string Name,
    int Documents,
    int HostileMessages,
    TimeSpan Feed,
    TimeSpan FaultStart,
    TimeSpan FaultLength,
    TimeSpan SettleTimeout)
{
    public static readonly Profile Full = new("full", 5_000, 10_000, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(150));

    public static readonly Profile Short = new("short", 300, 600, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(90));

    public TimeSpan FaultEnd => FaultStart + FaultLength;
}
