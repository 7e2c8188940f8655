using Confluent.Kafka;
using KazNer.Stream.Telemetry;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// On revoke, gives in-flight work of the revoked partitions until the drain timeout to be delivered, commits
/// what was delivered and drops the rest; on lost, drops without committing (another member owns them now).
/// </summary>
internal sealed class RebalanceHandler(
    IMessageSource source,
    IRecordSink sink,
    OffsetTracker offsets,
    DocumentOrderer orderer,
    FlowControl flow,
    WorkerHealth health,
    StreamMetrics metrics,
    TimeSpan drainTimeout,
    ILogger logger) : IPartitionEvents
{
    private int assignmentChanged;

    /// <summary>True once after each assignment, so the consume loop can re-apply a pause to new partitions.</summary>
    public bool TakeAssignmentChanged() => Interlocked.Exchange(ref assignmentChanged, 0) == 1;

    public void Assigned(IReadOnlyList<TopicPartition> partitions)
    {
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
        try
        {
            if (sink.CommitsOffsets)
            {
                sink.FlushAsync(CancellationToken.None).Wait(drainTimeout);
                return;
            }

            var delivered = offsets.Uncommitted([.. partitions]);
            if (delivered.Count > 0)
            {
                source.Commit(delivered);
                offsets.MarkCommitted(delivered);
            }
        }
        catch (Exception e) when (e is KafkaException or AggregateException)
        {
            PipelineLog.CommitFailed(logger, e.Message);
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
