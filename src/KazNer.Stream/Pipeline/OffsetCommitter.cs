using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// Commits the unbroken delivered run of partitions this member still owns, for the consume thread and the
/// rebalance callbacks alike (both run on the consume thread). Once the coordinator has answered that the
/// group is rebalancing, commits are held back until the assignment callback says the rejoin completed: a
/// commit sent meanwhile carries a stale generation, and on the coordinator connection it waits behind the
/// pending JoinGroup, so the synchronous call would stall the poll loop for the whole rebalance.
/// </summary>
internal sealed class OffsetCommitter(IMessageSource source, OffsetTracker offsets, ILogger logger)
{
    public bool RejoinPending { get; private set; }

    public void RejoinCompleted() => RejoinPending = false;

    /// <returns>False when the commit failed or was held back and should be tried again.</returns>
    public bool CommitDelivered(IReadOnlyCollection<TopicPartition>? only = null)
    {
        var delivered = offsets.Uncommitted(only);
        if (delivered.Count == 0)
        {
            return true;
        }

        if (RejoinPending)
        {
            return false;
        }

        try
        {
            source.Commit(delivered);
            offsets.MarkCommitted(delivered);
            return true;
        }
        catch (KafkaException e)
        {
            // Not fatal: the tracker still holds the positions for the next try.
            RejoinPending = CommitErrors.MeansRebalance(e.Error.Code);
            PipelineLog.CommitFailed(logger, e.Error.Reason);
            return false;
        }
    }
}
