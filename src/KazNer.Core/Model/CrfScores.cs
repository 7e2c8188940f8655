namespace KazNer.Core.Model;

/// <summary>Linear-chain CRF scores exported with our own models (config.json "crf"); [from, to] transitions.</summary>
public sealed record CrfScores(float[,] Transitions, float[] Start, float[] End);
