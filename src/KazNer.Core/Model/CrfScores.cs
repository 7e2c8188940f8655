namespace KazNer.Core.Model;

/// <summary>
/// Linear-chain CRF scores exported with our own models (config.json "crf"); [from, to] transitions.
/// <paramref name="Temperature"/> ("crf.temperature", default 1) divides every score when posteriors are computed,
/// fitted on held-out data so that scores are calibrated; Viterbi's best path does not depend on it.
/// </summary>
public sealed record CrfScores(float[,] Transitions, float[] Start, float[] End, float Temperature = 1f);
