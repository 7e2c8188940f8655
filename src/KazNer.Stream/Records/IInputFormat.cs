namespace KazNer.Stream.Records;

/// <summary>
/// One input format: turns a document's bytes, already checked for size and UTF-8, into a document or the reason
/// it is rejected. The worker (a message value) and the CLI (a line) use the same formats.
/// </summary>
internal interface IInputFormat
{
    ParseOutcome Parse(ReadOnlyMemory<byte> utf8, string fallbackId);
}
