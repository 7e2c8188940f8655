namespace KazNer.Core.Evaluation;

/// <summary>
/// One sentence of a CoNLL file: its tokens and their IOB2 labels, index for index, and its KazNERD id
/// (<c>AID283875</c>) when the file heads sentences with id lines.
/// </summary>
public sealed record ConllSentence(IReadOnlyList<string> Tokens, IReadOnlyList<string> Labels, string? Id = null);
