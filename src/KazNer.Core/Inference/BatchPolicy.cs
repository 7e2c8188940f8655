namespace KazNer.Core.Inference;

/// <summary>Caps on one inference batch: sequences, and padded tokens (sequences × longest length).</summary>
public sealed record BatchPolicy(int MaxTokens = 8192, int MaxSequences = 64);
