namespace KazNer.Core;

/// <summary>A sentence of a document and its words, all as offsets into the document.</summary>
public sealed record PreparedSentence(int Index, TextSpan Span, IReadOnlyList<TextSpan> Words);
