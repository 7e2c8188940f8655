using Confluent.Kafka;

namespace KazNer.Stream.Pipeline;

/// <summary>How delivered input offsets reach the group: committed by the consumer, or sent in the transaction.</summary>
internal interface IOffsetCommits
{
    /// <returns>False when the commit failed or was held back and should be tried again.</returns>
    bool CommitDelivered();

    /// <summary>After each completed rejoin.</summary>
    void Assigned();

    /// <summary>Before revoked partitions go: their delivered run is committed while this member still owns them.</summary>
    void Revoking(IReadOnlyList<TopicPartition> partitions, bool closing);

    /// <summary>Lost partitions already belong to another member: nothing of theirs may be committed any more.</summary>
    void Lost(IReadOnlyList<TopicPartition> partitions);
}
