namespace KazNer.Core.Inference;

/// <summary>
/// Caps on one inference batch: sequences, padded tokens (sequences × longest length), and the share of
/// those padded tokens that may be padding (compute spent on nothing; 1 = no cap).
/// </summary>
public sealed record BatchPolicy(int MaxTokens = 8192, int MaxSequences = 64, double MaxPadding = 0.10);
