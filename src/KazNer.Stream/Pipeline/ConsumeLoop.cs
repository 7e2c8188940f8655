using System.Threading.Channels;
using Confluent.Kafka;
using KazNer.Stream.Telemetry;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// The poll loop, on its own thread: takes messages, applies back-pressure by pausing the assignment (while
/// still polling, so the member stays in the group), commits delivered offsets and samples lag.
/// </summary>
internal sealed class ConsumeLoop(
    IMessageSource source,
    ChannelWriter<InFlightDocument> output,
    RebalanceHandler rebalance,
    DocumentOrderer orderer,
    OffsetTracker offsets,
    FlowControl flow,
    IRecordSink sink,
    WorkerHealth health,
    StreamMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    public static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(1);

    private bool paused;
    private long lastCommit;

    public void Run(CancellationToken stopFetching)
    {
        lastCommit = time.GetTimestamp();
        try
        {
            while (!stopFetching.IsCancellationRequested)
            {
                health.Polled();
                ApplyBackPressure();
                if (time.GetElapsedTime(lastCommit) >= CommitInterval)
                {
                    CommitDelivered();
                    SampleLag();
                    lastCommit = time.GetTimestamp();
                }

                if (source.Consume(PollTimeout) is { } message)
                {
                    Admit(message);
                }
            }
        }
        finally
        {
            output.TryComplete();
            health.ConsumeLoopStopped();
        }
    }

    /// <summary>Commits the unbroken delivered run of every partition (no-op when transactions carry offsets).</summary>
    public void CommitDelivered()
    {
        if (sink.CommitsOffsets)
        {
            return;
        }

        var delivered = offsets.Uncommitted();
        if (delivered.Count == 0)
        {
            return;
        }

        try
        {
            source.Commit(delivered);
            offsets.MarkCommitted(delivered);
        }
        catch (KafkaException e)
        {
            // Not fatal: the next tick commits again, and the tracker still holds the positions.
            PipelineLog.CommitFailed(logger, e);
        }
    }

    private void Admit(SourceMessage message)
    {
        var document = new InFlightDocument(message, time.GetTimestamp());
        offsets.Track(message.Position);
        orderer.Track(document);
        flow.Acquire(message.Bytes);
        metrics.Consumed();
        while (!output.TryWrite(document))
        {
            // A full channel is the last line of back-pressure: the pause normally comes first.
            output.WaitToWriteAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private void ApplyBackPressure()
    {
        var assignmentChanged = rebalance.TakeAssignmentChanged();
        if (!paused && flow.ShouldPause)
        {
            paused = true;
            PipelineLog.Paused(logger, flow.Documents, flow.Bytes, flow.IsSinkDown);
        }
        else if (paused && flow.CanResume)
        {
            paused = false;
            source.Resume(source.Assignment);
            PipelineLog.Resumed(logger);
        }
        else if (!paused || !assignmentChanged)
        {
            return;
        }

        if (paused)
        {
            source.Pause(source.Assignment);
        }

        metrics.Paused(paused);
    }

    private void SampleLag()
    {
        foreach (var partition in source.Assignment)
        {
            if (source.HighWatermark(partition) is { } end && offsets.LastConsumed(partition) is { } last)
            {
                metrics.Lag(partition, Math.Max(0, end - last - 1));
            }
        }
    }
}
