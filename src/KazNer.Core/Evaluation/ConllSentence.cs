namespace KazNer.Core.Evaluation;

/// <summary>One sentence of a CoNLL file: its tokens and their IOB2 labels, index for index.</summary>
public sealed record ConllSentence(IReadOnlyList<string> Tokens, IReadOnlyList<string> Labels);
