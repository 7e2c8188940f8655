using Confluent.Kafka;

namespace KazNer.Stream.Records;

/// <summary>An input message exactly as consumed; dead letters reuse its bytes, key and headers.</summary>
internal sealed record SourceMessage(TopicPartitionOffset Position, byte[]? Key, byte[] Value, Headers Headers, DateTimeOffset Timestamp)
{
    public TopicPartition Partition => Position.TopicPartition;

    public long Offset => Position.Offset.Value;

    public long Bytes => Value.LongLength + (Key?.LongLength ?? 0);
}
