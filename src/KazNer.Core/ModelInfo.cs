namespace KazNer.Core;

/// <summary>
/// What a loaded model bundle is: its name and version (from config.json) and its IOB2 labels, and how it runs:
/// the device and how many batches may be inferred at the same time to keep it busy.
/// </summary>
public sealed record ModelInfo(string Name, string Version, IReadOnlyList<string> Labels, int MaxSequenceLength, string Device, int ConcurrentRuns = 1);
