namespace KazNer.Stream.Records;

/// <summary>A parsed input: the document id, its text, and the members carried through to the output.</summary>
internal sealed record InputDocument(string Id, string Text, IReadOnlyList<CarriedField> Fields);
