using Confluent.Kafka;
using KazNer.Stream.Pipeline;

namespace KazNer.Stream.Kafka;

/// <summary>Exactly-once: offsets travel inside the sink's transactions, so commits here mean committing or aborting one.</summary>
internal sealed class TransactionOffsetCommits(TransactionalRecordSink sink, TimeSpan drainTimeout) : IOffsetCommits
{
    public bool CommitDelivered() => true;

    public void Assigned()
    {
    }

    // A zero drain timeout must not turn every revocation into a failed (and fatal) commit.
    public void Revoking(IReadOnlyList<TopicPartition> partitions, bool closing) => sink.Commit(TimeSpan.FromSeconds(Math.Max(5, drainTimeout.TotalSeconds)));

    public void Lost(IReadOnlyList<TopicPartition> partitions) => sink.AbortFor([.. partitions]);
}
