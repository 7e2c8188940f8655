using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// The one place that decides and sends the input positions a group commits: per partition, the position past the
/// unbroken run of records with a durable outcome (annotation or dead letter acknowledged), as the ledger counts
/// them. At-least-once commits it with the consumer; exactly-once sends it inside the transaction that holds the
/// outputs, where that transaction's own records count as durable because they become so exactly when it commits.
/// A record still waiting for its outcome (a dead letter in retry back-off) holds back every later offset of its
/// partition in both modes; sinks and the dead-letter path only report outcomes to the ledger.
/// </summary>
internal sealed class OffsetCommitter(InFlightLedger ledger, ILogger<OffsetCommitter> logger)
{
    private int stopLogged;

    public InFlightLedger Ledger => ledger;

    /// <summary>At-least-once: commits what moved; a <see cref="KafkaException"/> leaves it for the next try.</summary>
    /// <returns>False when there was nothing to commit.</returns>
    public bool CommitByConsumer(IMessageSource consumer, IReadOnlyCollection<TopicPartition>? only)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var positions = ledger.Uncommitted(only);
        if (positions.Count == 0)
        {
            return false;
        }

        consumer.Commit(positions);
        ledger.MarkCommitted(positions);
        return true;
    }

    /// <summary>Exactly-once: adds the positions to the open transaction; <see cref="Committed"/> once it commits.</summary>
    public IReadOnlyList<TopicPartitionOffset> SendToTransaction(
        IProducer<byte[], byte[]> producer, IConsumerGroupMetadata group, IReadOnlyCollection<TopicPartitionOffset> staged, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(producer);
        var positions = PositionsWith(staged);
        if (positions.Count > 0)
        {
            producer.SendOffsetsToTransaction(positions, group, timeout);
        }

        return positions;
    }

    /// <summary>What a transaction holding <paramref name="staged"/> may commit, if it commits.</summary>
    public IReadOnlyList<TopicPartitionOffset> PositionsWith(IReadOnlyCollection<TopicPartitionOffset> staged) => ledger.Uncommitted(staged: staged);

    public void Committed(IReadOnlyList<TopicPartitionOffset> positions) => ledger.MarkCommitted(positions);

    /// <summary>Forgets revoked or lost partitions; what they had in flight is released uncommitted.</summary>
    public int Forget(IReadOnlyList<TopicPartition> partitions) => ledger.Drop(partitions);

    /// <summary>At the stop, once: what the next owner of each partition will read again.</summary>
    public void LogUncommitted()
    {
        if (Interlocked.Exchange(ref stopLogged, 1) == 1)
        {
            return;
        }

        var behind = ledger.Behind();
        if (behind.Count > 0)
        {
            PipelineLog.LeftUncommitted(logger, string.Join(", ", behind.Select(b => $"{b.Partition} from {b.Committed?.ToString(CultureInfo.InvariantCulture) ?? "its last commit"} to {b.LastConsumed}")));
        }
    }
}
