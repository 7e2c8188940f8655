namespace KazNer.Stream.Cli;

/// <summary>
/// One line of an input: its 1-based number, where it starts in the input, its full size, and its bytes (without
/// the line break; only the first <c>limit + 1</c> of them when it is longer than the limit).
/// </summary>
internal sealed record InputLine(int Number, long Offset, long Size, ReadOnlyMemory<byte> Bytes)
{
    public bool IsBlank => Size <= Bytes.Length && Bytes.Span.Trim(" \t\r"u8).IsEmpty;
}
