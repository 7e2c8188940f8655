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
    OffsetCommitter committer,
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

    /// <summary>
    /// Polls until <paramref name="stopFetching"/>, then keeps polling with every partition paused (so the member
    /// stays in the group through rebalances) until <paramref name="drained"/>, commits the delivered offsets,
    /// still polling while a rebalance holds the commit back, and closes the consumer.
    /// </summary>
    public void Run(TimeSpan finalCommitTimeout, CancellationToken stopFetching, CancellationToken drained)
    {
        lastCommit = time.GetTimestamp();
        try
        {
            while (!stopFetching.IsCancellationRequested)
            {
                Poll(admit: true);
            }
        }
        finally
        {
            output.TryComplete();
        }

        try
        {
            while (!drained.IsCancellationRequested)
            {
                Poll(admit: false);
            }

            // Polling, not waiting, is what lets librdkafka finish a rejoin, after which the commit can succeed.
            var started = time.GetTimestamp();
            while (!CommitDelivered() && time.GetElapsedTime(started) < finalCommitTimeout)
            {
                Poll(admit: false);
            }
        }
        finally
        {
            rebalance.Closing();
            source.Close();
            health.ConsumeLoopStopped();
        }
    }

    private void Poll(bool admit)
    {
        health.Polled();
        var assignmentChanged = rebalance.TakeAssignmentChanged();
        ApplyBackPressure(stopping: !admit, assignmentChanged);
        // Right after an assignment, so that a commit held back by the rejoin goes with the new generation.
        if (assignmentChanged || time.GetElapsedTime(lastCommit) >= CommitInterval)
        {
            CommitDelivered();
            SampleLag();
            lastCommit = time.GetTimestamp();
        }

        // After stop a prefetched message is left alone: it is not tracked, so it stays uncommitted.
        if (source.Consume(PollTimeout) is { } message && admit)
        {
            Admit(message);
        }
    }

    private bool CommitDelivered() => sink.CommitsOffsets || committer.CommitDelivered();

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

    private void ApplyBackPressure(bool stopping, bool assignmentChanged)
    {
        if (!paused && (stopping || flow.ShouldPause))
        {
            paused = true;
            // Pausing to drain on shutdown is the normal path, not back-pressure worth a warning.
            if (stopping)
            {
                PipelineLog.PausedToStop(logger, flow.Documents, flow.Bytes);
            }
            else
            {
                PipelineLog.Paused(logger, flow.Documents, flow.Bytes, flow.IsSinkDown);
            }
        }
        else if (paused && !stopping && flow.CanResume)
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

        flow.SetConsumptionPaused(paused);
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
