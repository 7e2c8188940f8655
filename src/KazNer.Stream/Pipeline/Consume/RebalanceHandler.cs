using Confluent.Kafka;
using KazNer.Stream.Telemetry;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// On revoke, gives in-flight work of the revoked partitions until the drain timeout to be delivered, commits
/// what was delivered and drops the rest; on lost, drops without committing (another member owns them now;
/// under exactly-once the open transaction is aborted). Every callback runs on the consume thread.
/// </summary>
internal sealed class RebalanceHandler(
    OffsetCommitter offsets,
    IOffsetCommits commits,
    DocumentOrderer orderer,
    WorkerHealth health,
    StreamMetrics metrics,
    TimeSpan drainTimeout,
    ILogger logger) : IPartitionEvents
{
    private bool assignmentChanged;
    private bool closing;

    /// <summary>True once after each assignment change, so the consume loop re-applies its pause or resume.</summary>
    public bool TakeAssignmentChanged()
    {
        var changed = assignmentChanged;
        assignmentChanged = false;
        return changed;
    }

    /// <summary>
    /// Called before the consumer is closed, whose revocation may come in the middle of a rejoin, and which forgets
    /// the partitions: what is left uncommitted is said now.
    /// </summary>
    public void Closing()
    {
        closing = true;
        offsets.LogUncommitted();
    }

    /// <summary>librdkafka calls this after every completed rejoin, with an empty list when nothing was added.</summary>
    public void Assigned(IReadOnlyList<TopicPartition> partitions)
    {
        commits.Assigned();
        PipelineLog.PartitionsAssigned(logger, Describe(partitions));
        health.AssignmentChanged(partitions.Count);
        assignmentChanged = true;
    }

    public void Revoked(IReadOnlyList<TopicPartition> partitions)
    {
        PipelineLog.PartitionsRevoked(logger, Describe(partitions));
        // Closing comes after the stop's own drain: waiting again would only push the close past its bound.
        if (!closing)
        {
            offsets.Ledger.WaitForDelivery([.. partitions], drainTimeout);
        }

        commits.Revoking(partitions, closing);
        Forget(partitions);
    }

    public void Lost(IReadOnlyList<TopicPartition> partitions)
    {
        PipelineLog.PartitionsLost(logger, Describe(partitions));
        commits.Lost(partitions);
        Forget(partitions);
    }

    private void Forget(IReadOnlyList<TopicPartition> partitions)
    {
        orderer.Drop(partitions);
        if (offsets.Forget(partitions) is > 0 and var undelivered)
        {
            PipelineLog.InFlightDropped(logger, undelivered, Describe(partitions));
        }

        metrics.ForgetLag(partitions);
        health.Forget(partitions);
        health.AssignmentChanged(-partitions.Count);
        assignmentChanged = true;
    }

    private static string Describe(IReadOnlyList<TopicPartition> partitions) => string.Join(", ", partitions);
}
