using System.Collections.Concurrent;
using Confluent.Kafka;
using KazNer.Stream.Configuration;

namespace KazNer.Stream.Telemetry;

/// <summary>
/// What /readyz and /healthz report. Ready: the model is loaded, the consume loop polls, the pipeline has not
/// stopped, a broker was reachable within <see cref="PipelineOptions.BrokerUnreachableSeconds"/> and no
/// partition has had lag without progress for <see cref="PipelineOptions.PartitionStallSeconds"/>. Live unless the
/// worker cannot recover by itself: the pipeline stopped, the poll loop hangs, or a partition is stalled while the
/// worker is not pausing consumption on purpose.
/// </summary>
internal sealed class WorkerHealth(TimeProvider time, IFlowReadings flow, PipelineOptions options)
{
    /// <summary>A poll loop silent for longer than this is stuck.</summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<TopicPartition, (long Position, long Since)> progress = new();
    private readonly TimeSpan brokerLimit = TimeSpan.FromSeconds(options.BrokerUnreachableSeconds);
    private readonly TimeSpan partitionLimit = TimeSpan.FromSeconds(options.PartitionStallSeconds);
    private long lastPoll;
    private long lastBrokerContact = time.GetTimestamp();
    private int assigned;
    private string? stopped;

    public bool ModelLoaded { get; set; }

    public bool ConsumeLoopRunning { get; private set; }

    public int AssignedPartitions => Volatile.Read(ref assigned);

    public bool ConsumeLoopAlive =>
        ConsumeLoopRunning && time.GetElapsedTime(Interlocked.Read(ref lastPoll)) < StallLimit;

    /// <summary>Why the pipeline stopped for good, or null while it runs.</summary>
    public string? StoppedReason => Volatile.Read(ref stopped);

    public bool BrokersUnreachable => time.GetElapsedTime(Interlocked.Read(ref lastBrokerContact)) >= brokerLimit;

    public IReadOnlyList<TopicPartition> StalledPartitions =>
        [.. progress.Where(p => time.GetElapsedTime(p.Value.Since) >= partitionLimit).Select(p => p.Key)];

    /// <summary>Null when ready, else the reason.</summary>
    public string? NotReadyReason =>
        !ModelLoaded ? "model not loaded"
        : StoppedReason is { } reason ? $"pipeline stopped: {reason}"
        : !ConsumeLoopAlive ? "consume loop not running"
        : BrokersUnreachable ? $"no broker reachable for {brokerLimit.TotalSeconds} s"
        : StalledPartitions is [_, ..] stalled ? $"no progress for {partitionLimit.TotalSeconds} s on {string.Join(", ", stalled)}"
        : null;

    /// <summary>Null while the worker can recover by itself, else why a restart is needed.</summary>
    public string? NotLiveReason =>
        StoppedReason is { } reason ? $"pipeline stopped: {reason}"
        : ConsumeLoopRunning && !ConsumeLoopAlive ? "consume loop hangs"
        : !flow.IsConsumptionPaused && !BrokersUnreachable && StalledPartitions is [_, ..] stalled
            ? $"consuming, yet no progress for {partitionLimit.TotalSeconds} s on {string.Join(", ", stalled)}"
        : null;

    public void Polled()
    {
        Interlocked.Exchange(ref lastPoll, time.GetTimestamp());
        ConsumeLoopRunning = true;
    }

    public void ConsumeLoopStopped() => ConsumeLoopRunning = false;

    public void PipelineStopped(string reason) => Volatile.Write(ref stopped, reason);

    /// <summary>A message arrived, or the client's statistics show a broker connection up.</summary>
    public void BrokerReachable() => Interlocked.Exchange(ref lastBrokerContact, time.GetTimestamp());

    public void AssignmentChanged(int delta) => Interlocked.Add(ref assigned, delta);

    /// <summary>Sampled per partition: the stall clock runs while there is lag and the position does not move.</summary>
    public void Progress(TopicPartition partition, long position, long lag)
    {
        if (lag == 0)
        {
            progress.TryRemove(partition, out _);
            return;
        }

        var now = time.GetTimestamp();
        progress.AddOrUpdate(partition, (position, now), (_, last) => last.Position == position ? last : (position, now));
    }

    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            progress.TryRemove(partition, out _);
        }
    }
}
