namespace KazNer.Stream.Records;

/// <summary>An input member other than id and text, kept as its original JSON text.</summary>
internal sealed record CarriedField(string Name, string RawJson);
