using Confluent.Kafka;
using KazNer.Stream.Records;

namespace KazNer.Stream.Pipeline;

/// <summary>The consumer side as the pipeline uses it. Every member is called from the consume thread.</summary>
internal interface IMessageSource : IDisposable
{
    IReadOnlyList<TopicPartition> Assignment { get; }

    /// <summary>Needed by transactions to commit offsets on the group's behalf.</summary>
    IConsumerGroupMetadata? GroupMetadata { get; }

    void Subscribe(string topic, IPartitionEvents events);

    /// <summary>Waits up to <paramref name="timeout"/>; rebalance events are raised from inside this call.</summary>
    SourceMessage? Consume(TimeSpan timeout);

    void Pause(IReadOnlyList<TopicPartition> partitions);

    void Resume(IReadOnlyList<TopicPartition> partitions);

    void Commit(IReadOnlyList<TopicPartitionOffset> offsets);

    /// <summary>The next offset this member will consume from the partition, when known, without a broker round trip.</summary>
    long? Position(TopicPartition partition);

    /// <summary>The last known end of the partition, without a broker round trip.</summary>
    long? HighWatermark(TopicPartition partition);

    /// <summary>Commits nothing more and leaves the group, waiting at most <paramref name="timeout"/>.</summary>
    /// <returns>False when leaving took longer: the handle is then left open and the coordinator times the member out.</returns>
    bool Close(TimeSpan timeout);
}
