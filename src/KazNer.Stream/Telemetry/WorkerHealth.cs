namespace KazNer.Stream.Telemetry;

/// <summary>What /readyz reports: the model is loaded and the consume loop is polling.</summary>
internal sealed class WorkerHealth(TimeProvider time)
{
    /// <summary>A poll loop silent for longer than this is stuck.</summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(30);

    private long lastPoll;
    private int assigned;

    public bool ModelLoaded { get; set; }

    public bool ConsumeLoopRunning { get; private set; }

    public int AssignedPartitions => Volatile.Read(ref assigned);

    public bool ConsumeLoopAlive =>
        ConsumeLoopRunning && time.GetElapsedTime(Interlocked.Read(ref lastPoll)) < StallLimit;

    public bool IsReady => ModelLoaded && ConsumeLoopAlive;

    public void Polled()
    {
        Interlocked.Exchange(ref lastPoll, time.GetTimestamp());
        ConsumeLoopRunning = true;
    }

    public void ConsumeLoopStopped() => ConsumeLoopRunning = false;

    public void AssignmentChanged(int delta) => Interlocked.Add(ref assigned, delta);
}
