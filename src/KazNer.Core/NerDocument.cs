namespace KazNer.Core;

/// <summary>A document to annotate: an id chosen by the caller and its text.</summary>
public sealed record NerDocument(string Id, string Text);
