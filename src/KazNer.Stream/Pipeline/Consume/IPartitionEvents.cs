using Confluent.Kafka;

namespace KazNer.Stream.Pipeline;

/// <summary>Rebalance callbacks, raised on the consume thread.</summary>
internal interface IPartitionEvents
{
    void Assigned(IReadOnlyList<TopicPartition> partitions);

    void Revoked(IReadOnlyList<TopicPartition> partitions);

    void Lost(IReadOnlyList<TopicPartition> partitions);
}
