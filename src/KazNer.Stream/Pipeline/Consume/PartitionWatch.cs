using KazNer.Stream.Telemetry;

namespace KazNer.Stream.Pipeline;

/// <summary>Samples, per assigned partition, the lag for the gauge and the consumed position for the stall check.</summary>
internal sealed class PartitionWatch(IMessageSource source, InFlightLedger ledger, StreamMetrics metrics, WorkerHealth health)
{
    public void Sample()
    {
        foreach (var partition in source.Assignment)
        {
            var next = source.Position(partition) ?? ledger.LastConsumed(partition) + 1;
            if (source.HighWatermark(partition) is { } end && next is { } position)
            {
                var lag = Math.Max(0, end - position);
                metrics.Lag(partition, lag);
                health.Progress(partition, position, lag);
            }
        }
    }
}
