namespace KazNer.Faults;

/// <summary>One input record: its key is the input id the matrix counts by; a null value is a tombstone.</summary>
internal sealed record FeedMessage(string Id, byte[]? Value, string Kind);
