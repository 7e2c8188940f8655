using Confluent.Kafka;

namespace KazNer.Stream.DeadLetters;

/// <summary>Where a replayed record goes: a topic, and in it the partition the input came from when it came from there.</summary>
internal sealed record ReplayTarget(string Topic, int Partitions)
{
    /// <summary>
    /// The input partition the record was read from when replaying to that topic, so records of a key stay in the
    /// partition (and the order) their consumers expect whatever partitioner wrote them; else the partitioner's.
    /// </summary>
    public TopicPartition For(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return letter.SourcePartitionIn(Topic) is { } partition && partition < Partitions
            ? new TopicPartition(Topic, partition)
            : new TopicPartition(Topic, Partition.Any);
    }
}
