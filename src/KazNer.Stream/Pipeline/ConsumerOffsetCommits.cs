using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// At-least-once: the consumer commits the unbroken delivered run of partitions this member still owns, from
/// the consume thread (rebalance callbacks run there too). Once the coordinator has answered that the group is
/// rebalancing, commits are held back until the assignment callback says the rejoin completed: a commit sent
/// meanwhile carries a stale generation, and on the coordinator connection it waits behind the pending
/// JoinGroup, so the synchronous call would stall the poll loop for the whole rebalance.
/// </summary>
internal sealed class ConsumerOffsetCommits(IMessageSource source, InFlightLedger ledger, ILogger logger) : IOffsetCommits
{
    private bool rejoinPending;

    public bool CommitDelivered() => Commit(only: null);

    public void Assigned() => rejoinPending = false;

    public void Revoking(IReadOnlyList<TopicPartition> partitions, bool closing)
    {
        // A rebalance revokes before its JoinGroup (eager) or after its SyncGroup (cooperative), so the
        // generation is valid then. Closing can revoke while a JoinGroup is pending: a commit would wait for
        // the whole rebalance and fail with a stale generation, so it is skipped and the partitions are
        // consumed again by their next owner.
        if (!closing || !rejoinPending)
        {
            rejoinPending = false;
            Commit([.. partitions]);
        }
    }

    public void Lost(IReadOnlyList<TopicPartition> partitions)
    {
    }

    private bool Commit(IReadOnlyCollection<TopicPartition>? only)
    {
        var delivered = ledger.Uncommitted(only);
        if (delivered.Count == 0)
        {
            return true;
        }

        if (rejoinPending)
        {
            return false;
        }

        try
        {
            source.Commit(delivered);
            ledger.MarkCommitted(delivered);
            return true;
        }
        catch (KafkaException e)
        {
            // Not fatal: the ledger still holds the positions for the next try.
            rejoinPending = CommitErrors.MeansRebalance(e.Error.Code);
            PipelineLog.CommitFailed(logger, e.Error.Reason);
            return false;
        }
    }
}
