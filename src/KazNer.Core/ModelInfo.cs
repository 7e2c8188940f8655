namespace KazNer.Core;

/// <summary>What a loaded model bundle is: its name and version (from config.json) and its IOB2 labels.</summary>
public sealed record ModelInfo(string Name, string Version, IReadOnlyList<string> Labels, int MaxSequenceLength, string Device);
