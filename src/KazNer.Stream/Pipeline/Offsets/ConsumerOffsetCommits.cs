using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// At-least-once: the consumer commits the unbroken delivered run of partitions this member still owns, from
/// the consume thread (rebalance callbacks run there too). Once the coordinator has answered that the group is
/// rebalancing, commits are held back for a growing back-off: a commit sent while a JoinGroup is pending waits
/// behind it on the coordinator connection, so the synchronous call would stall the poll loop. The hold ends at
/// the next completed rejoin or when the back-off runs out, whichever comes first; an answer like that does not
/// always mean a rejoin follows (a coordinator move, or a rebalance this member was never part of), so waiting
/// only for the assignment could freeze the committed offsets for good. Partitions no longer owned are never
/// committed, because revoke and lost drop them from the ledger; <see cref="OffsetCommitter"/> decides what is.
/// </summary>
internal sealed class ConsumerOffsetCommits(IMessageSource source, OffsetCommitter offsets, ILogger logger, TimeProvider time) : IOffsetCommits
{
    internal static readonly TimeSpan FirstHold = TimeSpan.FromMilliseconds(500);
    internal static readonly TimeSpan LongestHold = TimeSpan.FromSeconds(8);

    private bool rejoinSuspected;
    private TimeSpan hold = TimeSpan.Zero;
    private long heldSince;

    public bool CommitDelivered() => Commit(only: null);

    public void Assigned() => EndHold();

    public void Revoking(IReadOnlyList<TopicPartition> partitions, bool closing)
    {
        // A rebalance revokes before its JoinGroup (eager) or after its SyncGroup (cooperative), so the
        // generation is valid then and the commit goes regardless of a hold. Closing can revoke while a JoinGroup
        // is pending: a commit would wait for the whole rebalance and fail with a stale generation, so it is
        // skipped and the partitions are consumed again by their next owner.
        if (!closing || !rejoinSuspected)
        {
            EndHold();
            Commit([.. partitions]);
        }
    }

    public void Lost(IReadOnlyList<TopicPartition> partitions)
    {
    }

    private bool Commit(IReadOnlyCollection<TopicPartition>? only)
    {
        if (rejoinSuspected && time.GetElapsedTime(heldSince) < hold)
        {
            return offsets.Ledger.Uncommitted(only).Count == 0;
        }

        try
        {
            if (offsets.CommitByConsumer(source, only))
            {
                EndHold();
            }

            return true;
        }
        catch (KafkaException e)
        {
            // Not fatal: the ledger still holds the positions for the next try.
            if (CommitErrors.MeansRebalance(e.Error.Code))
            {
                Hold();
            }

            PipelineLog.CommitFailed(logger, e.Error.Reason);
            return false;
        }
    }

    private void Hold()
    {
        rejoinSuspected = true;
        hold = hold == TimeSpan.Zero ? FirstHold : TimeSpan.FromTicks(Math.Min(hold.Ticks * 2, LongestHold.Ticks));
        heldSince = time.GetTimestamp();
    }

    private void EndHold()
    {
        rejoinSuspected = false;
        hold = TimeSpan.Zero;
    }
}
