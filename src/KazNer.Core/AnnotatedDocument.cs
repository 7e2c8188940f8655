namespace KazNer.Core;

/// <summary>The result for one document: its sentences, its entities and, on request, per-word labels.</summary>
public sealed record AnnotatedDocument(
    string Id,
    IReadOnlyList<TextSpan> Sentences,
    IReadOnlyList<Entity> Entities,
    IReadOnlyList<TokenLabel>? Tokens = null);
