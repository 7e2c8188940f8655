using System.Globalization;
using System.Text;
using Confluent.Kafka;
using KazNer.Stream.Records;

namespace KazNer.Stream.DeadLetters;

/// <summary>A record read from a dead-letter topic, with the headers the worker wrote on it decoded (docs/output.md).</summary>
internal sealed class DeadLetter(TopicPartitionOffset position, DateTime timestamp, byte[]? key, byte[] value, Headers headers)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
    private string? documentId;

    public TopicPartitionOffset Position { get; } = position;

    /// <summary>When the worker dead-lettered it (the record's timestamp).</summary>
    public DateTime Timestamp { get; } = timestamp;

    public byte[]? Key { get; } = key;

    public byte[] Value { get; } = value;

    /// <summary>The input's <c>id</c> when its value is a JSON object that has one, else its key as text.</summary>
    public string? DocumentId => documentId ??= JsonInputFormat.IdIn(Value) ?? Text(Key);

    public Headers Headers { get; } = headers;

    public string Coordinates => string.Create(CultureInfo.InvariantCulture, $"{Position.Topic}/{Position.Partition.Value}/{Position.Offset.Value}");

    public string Error => Header(KazNerHeaders.Error) ?? "unknown";

    public string Stage => Header(KazNerHeaders.Stage) ?? "unknown";

    public string? Detail => Header(KazNerHeaders.ErrorDetail);

    /// <summary>The input record's <c>topic/partition/offset</c>.</summary>
    public string? Source => Header(KazNerHeaders.Source);

    public long? OriginalBytes => Number(KazNerHeaders.OriginalBytes);

    public long? KeptBytes => Number(KazNerHeaders.KeptBytes);

    public string? OriginalSha256 => Header(KazNerHeaders.OriginalSha256);

    /// <summary>Set when this dead letter is itself a failed replay of an earlier one.</summary>
    public string? ReplayedFrom => Header(KazNerHeaders.ReplayedFrom);

    /// <summary>
    /// Only the head of the input's value is here (it did not fit the producer's limit); a headers-only letter
    /// lost the input's key and headers too. Either way the input cannot be rebuilt from it.
    /// </summary>
    public bool IsTruncated => KeptBytes is not null;

    public static DeadLetter From(ConsumeResult<byte[], byte[]> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var message = result.Message;
        return new DeadLetter(result.TopicPartitionOffset, message.Timestamp.UtcDateTime, message.Key, message.Value ?? [], message.Headers ?? new Headers());
    }

    /// <summary>The input's own headers: every header but those the worker and the replay add (<c>kazner-*</c>).</summary>
    public IEnumerable<IHeader> InputHeaders => Headers.Where(h => !h.Key.StartsWith("kazner-", StringComparison.Ordinal));

    /// <summary>The input record as it was, marked with where it was replayed from.</summary>
    public Message<byte[], byte[]> ToReplay()
    {
        var replayHeaders = new Headers();
        foreach (var header in InputHeaders)
        {
            replayHeaders.Add(header.Key, header.GetValueBytes());
        }

        replayHeaders.Add(KazNerHeaders.ReplayedFrom, Encoding.UTF8.GetBytes(Coordinates));
        // A null key stays null: Kafka allows it, and the partitioner then spreads records as it did the input.
        return new Message<byte[], byte[]> { Key = Key!, Value = Value, Headers = replayHeaders };
    }

    /// <summary>The partition of the input record, when <paramref name="topic"/> is the topic it was read from.</summary>
    public int? SourcePartitionIn(string topic)
    {
        // topic/partition/offset; a topic name may not contain '/', but parse from the end all the same.
        var parts = Source?.Split('/');
        if (parts is not { Length: >= 3 } || string.Join('/', parts[..^2]) != topic)
        {
            return null;
        }

        return int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var partition) ? partition : null;
    }

    public static string? Text(byte[]? bytes)
    {
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private string? Header(string name) => Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    private long? Number(string name) =>
        long.TryParse(Header(name), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
