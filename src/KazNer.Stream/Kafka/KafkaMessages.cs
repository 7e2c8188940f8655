using Confluent.Kafka;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;

namespace KazNer.Stream.Kafka;

internal static class KafkaMessages
{
    /// <summary>The output carries the input's timestamp, like its processedAt, so replays are identical.</summary>
    public static Message<byte[], byte[]> From(OutboundRecord record, SourceMessage source) => new()
    {
        Key = record.Key!,
        Value = record.Value,
        Headers = record.Headers,
        Timestamp = source.Timestamp == DateTimeOffset.UnixEpoch ? Timestamp.Default : new Timestamp(source.Timestamp),
    };
}
