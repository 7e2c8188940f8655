namespace KazNer.Bench;

/// <summary>Input record timestamp → output read, in milliseconds.</summary>
internal sealed record LatencySummary(int Documents, double P50, double P95, double P99, double Max);
