using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using KazNer.Stream.Configuration;

namespace KazNer.Stream.Records;

/// <summary>
/// The checks every document passes, in the worker and in the CLI: its size, its UTF-8, then its format's own rules.
/// The outcome is a document or the reason it must be dead-lettered (or, in the CLI, reported).
/// </summary>
internal sealed class InputRecordParser(InputFormat format, int maxDocumentBytes)
{
    /// <summary>The worker's default message limit, which the CLI applies per document too.</summary>
    public const int DefaultMaxDocumentBytes = 1024 * 1024;

    private readonly IInputFormat input = InputFormats.For(format);

    public InputFormat Format => format;

    public ParseOutcome Parse(SourceMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Parse(message.Value, message.Value.Length, firstByte: 0, () => FallbackId(message));
    }

    /// <param name="value">The document's bytes (only its first <c>maxDocumentBytes + 1</c> when it is longer).</param>
    /// <param name="size">The document's full size in bytes.</param>
    /// <param name="firstByte">Where <paramref name="value"/> starts in its file, so an invalid byte is located in the file.</param>
    /// <param name="fallbackId">The id of a document that does not name one.</param>
    public ParseOutcome Parse(ReadOnlyMemory<byte> value, long size, long firstByte, Func<string> fallbackId)
    {
        ArgumentNullException.ThrowIfNull(fallbackId);
        if (size > maxDocumentBytes)
        {
            return ParseOutcome.Fail(DeadLetterReason.TooLarge(size, maxDocumentBytes));
        }

        if (FirstInvalidByte(value.Span) is { } invalid)
        {
            return ParseOutcome.Fail(DeadLetterReason.InvalidUtf8(firstByte + invalid));
        }

        return input.Parse(value, fallbackId());
    }

    private static int? FirstInvalidByte(ReadOnlySpan<byte> value)
    {
        if (Utf8.IsValid(value))
        {
            return null;
        }

        // Decoding stops at the first invalid sequence and reports how many bytes were valid before it.
        var chars = ArrayPool<char>.Shared.Rent(value.Length);
        try
        {
            Utf8.ToUtf16(value, chars, out var read, out _, replaceInvalidSequences: false);
            return read;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>The key when it is text, else the message's coordinates, which are unique and stable.</summary>
    private static string FallbackId(SourceMessage message) =>
        message.Key is { Length: > 0 } key && Utf8.IsValid(key)
            ? Encoding.UTF8.GetString(key)
            : string.Create(CultureInfo.InvariantCulture, $"{message.Partition.Topic}/{message.Partition.Partition.Value}/{message.Offset}");
}
