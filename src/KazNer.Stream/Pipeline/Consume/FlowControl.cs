using KazNer.Stream.Configuration;
using KazNer.Stream.Telemetry;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// Counts documents and bytes between consume and acknowledged output, and says when consumption should
/// pause (over a limit, or the sink down) and resume (drained to half, so it does not flap).
/// </summary>
internal sealed class FlowControl(PipelineOptions options) : IFlowReadings
{
    private long documents;
    private long bytes;
    private int sinkDown;
    private int deadLettersDown;
    private int consumptionPaused;

    public long Documents => Interlocked.Read(ref documents);

    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>The output is unreachable (circuit open) or the dead-letter topic refuses writes.</summary>
    public bool IsSinkDown => Volatile.Read(ref sinkDown) == 1 || Volatile.Read(ref deadLettersDown) == 1;

    /// <summary>Whether the consume loop has paused its partitions: the state the paused gauge reports.</summary>
    public bool IsConsumptionPaused => Volatile.Read(ref consumptionPaused) == 1;

    public bool ShouldPause => IsSinkDown || Documents >= options.MaxDocumentsInFlight || Bytes >= options.MaxBytesInFlight;

    public bool CanResume => !IsSinkDown && Documents <= options.MaxDocumentsInFlight / 2 && Bytes <= options.MaxBytesInFlight / 2;

    public void Acquire(long size)
    {
        Interlocked.Increment(ref documents);
        Interlocked.Add(ref bytes, size);
    }

    public void Release(long size)
    {
        Interlocked.Decrement(ref documents);
        Interlocked.Add(ref bytes, -size);
    }

    public void SetSinkDown(bool down) => Volatile.Write(ref sinkDown, down ? 1 : 0);

    public void SetDeadLettersDown(bool down) => Volatile.Write(ref deadLettersDown, down ? 1 : 0);

    public void SetConsumptionPaused(bool paused) => Volatile.Write(ref consumptionPaused, paused ? 1 : 0);
}
