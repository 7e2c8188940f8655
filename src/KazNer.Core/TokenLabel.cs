namespace KazNer.Core;

/// <summary>One word with its IOB2 label, as the Transformers pipeline's aggregation_strategy="none" reports.</summary>
public sealed record TokenLabel(string Text, int Start, int End, string Label, float Score, int Sentence);
