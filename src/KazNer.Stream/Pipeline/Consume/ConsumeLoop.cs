using KazNer.Stream.Telemetry;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// The poll loop, on its own thread: takes messages, applies back-pressure by pausing the assignment (while
/// still polling, so the member stays in the group), commits delivered offsets and samples the partitions.
/// </summary>
internal sealed class ConsumeLoop(
    IMessageSource source,
    Intake intake,
    RebalanceHandler rebalance,
    IOffsetCommits commits,
    BackPressure backPressure,
    PartitionWatch watch,
    WorkerHealth health,
    TimeProvider time)
{
    public static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long leaving the group may take. A close during a rebalance the coordinator has not settled waits for
    /// it (up to a whole session timeout); past this the member is left to time out instead.
    /// </summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private long lastCommit;

    /// <summary>
    /// Polls until <paramref name="stopFetching"/>, then keeps polling with every partition paused (so the member
    /// stays in the group through rebalances) until <paramref name="drained"/>, commits the delivered offsets,
    /// still polling while a rebalance holds the commit back (up to <paramref name="finalCommitTimeout"/>, read
    /// once drained), and closes the consumer.
    /// </summary>
    /// <returns>False when the consumer did not leave the group within <see cref="CloseTimeout"/>.</returns>
    public bool Run(Func<TimeSpan> finalCommitTimeout, CancellationToken stopFetching, CancellationToken drained)
    {
        lastCommit = time.GetTimestamp();
        var closed = false;
        try
        {
            while (!stopFetching.IsCancellationRequested)
            {
                Poll(admit: true);
            }
        }
        finally
        {
            intake.Complete();
        }

        try
        {
            while (!drained.IsCancellationRequested)
            {
                Poll(admit: false);
            }

            // Polling, not waiting, is what lets librdkafka finish a rejoin, after which the commit can succeed.
            var started = time.GetTimestamp();
            var timeout = finalCommitTimeout();
            while (!commits.CommitDelivered() && time.GetElapsedTime(started) < timeout)
            {
                Poll(admit: false);
            }
        }
        finally
        {
            rebalance.Closing();
            closed = source.Close(CloseTimeout);
            health.ConsumeLoopStopped();
        }

        return closed;
    }

    private void Poll(bool admit)
    {
        health.Polled();
        var assignmentChanged = rebalance.TakeAssignmentChanged();
        backPressure.Apply(stopping: !admit, assignmentChanged);
        // Right after an assignment, so that a commit held back by the rejoin goes with the new generation.
        if (assignmentChanged || time.GetElapsedTime(lastCommit) >= CommitInterval)
        {
            commits.CommitDelivered();
            watch.Sample();
            lastCommit = time.GetTimestamp();
        }

        // After stop a prefetched message is left alone: it is not tracked, so it stays uncommitted.
        if (source.Consume(PollTimeout) is { } message)
        {
            health.BrokerReachable();
            if (admit)
            {
                intake.Admit(message);
            }
        }
    }
}
