using Confluent.Kafka;
using KazNer.Stream.Telemetry;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// On revoke, gives in-flight work of the revoked partitions until the drain timeout to be delivered, commits
/// what was delivered and drops the rest; on lost, drops without committing (another member owns them now).
/// </summary>
internal sealed class RebalanceHandler(
    IRecordSink sink,
    OffsetTracker offsets,
    OffsetCommitter committer,
    DocumentOrderer orderer,
    FlowControl flow,
    WorkerHealth health,
    StreamMetrics metrics,
    TimeSpan drainTimeout,
    ILogger logger) : IPartitionEvents
{
    private int assignmentChanged;
    private bool closing;

    /// <summary>True once after each assignment, so the consume loop can re-apply a pause to new partitions.</summary>
    public bool TakeAssignmentChanged() => Interlocked.Exchange(ref assignmentChanged, 0) == 1;

    /// <summary>Called before the consumer is closed, whose revocation may come in the middle of a rejoin.</summary>
    public void Closing() => closing = true;

    /// <summary>librdkafka calls this after every completed rejoin, with an empty list when nothing was added.</summary>
    public void Assigned(IReadOnlyList<TopicPartition> partitions)
    {
        committer.RejoinCompleted();
        PipelineLog.PartitionsAssigned(logger, Describe(partitions));
        health.AssignmentChanged(partitions.Count);
        Volatile.Write(ref assignmentChanged, 1);
    }

    public void Revoked(IReadOnlyList<TopicPartition> partitions)
    {
        PipelineLog.PartitionsRevoked(logger, Describe(partitions));
        var finished = offsets.WaitForDelivery([.. partitions], drainTimeout);
        CommitDelivered(partitions);
        Forget(partitions, finished ? 0 : offsets.Pending([.. partitions]));
    }

    public void Lost(IReadOnlyList<TopicPartition> partitions)
    {
        PipelineLog.PartitionsLost(logger, Describe(partitions));
        Forget(partitions, offsets.Pending([.. partitions]));
    }

    private void CommitDelivered(IReadOnlyList<TopicPartition> partitions)
    {
        if (sink.CommitsOffsets)
        {
            try
            {
                sink.FlushAsync(CancellationToken.None).Wait(drainTimeout);
            }
            catch (AggregateException e)
            {
                PipelineLog.CommitFailed(logger, e.Message);
            }

            return;
        }

        // A rebalance revokes before its JoinGroup (eager) or after its SyncGroup (cooperative), so the
        // generation is valid then. Closing can revoke while a JoinGroup is pending: a commit would wait for
        // the whole rebalance and fail with a stale generation, so it is skipped and the partitions are
        // consumed again by their next owner.
        if (!closing || !committer.RejoinPending)
        {
            committer.RejoinCompleted();
            committer.CommitDelivered([.. partitions]);
        }
    }

    private void Forget(IReadOnlyList<TopicPartition> partitions, int undelivered)
    {
        if (undelivered > 0)
        {
            PipelineLog.InFlightDropped(logger, undelivered, Describe(partitions));
        }

        foreach (var document in orderer.Drop(partitions))
        {
            if (document.TryFinish())
            {
                flow.Release(document.Source.Bytes);
            }
        }

        offsets.Remove(partitions);
        metrics.ForgetLag(partitions);
        health.AssignmentChanged(-partitions.Count);
    }

    private static string Describe(IReadOnlyList<TopicPartition> partitions) => string.Join(", ", partitions);
}
