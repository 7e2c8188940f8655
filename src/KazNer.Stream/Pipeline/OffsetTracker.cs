using Confluent.Kafka;

namespace KazNer.Stream.Pipeline;

/// <summary>Per-partition delivered offsets, shared by the consume thread and delivery callbacks.</summary>
internal sealed class OffsetTracker
{
    private readonly Dictionary<TopicPartition, PartitionOffsets> partitions = [];
    private readonly object gate = new();

    public void Track(TopicPartitionOffset position)
    {
        lock (gate)
        {
            if (!partitions.TryGetValue(position.TopicPartition, out var offsets))
            {
                offsets = new PartitionOffsets();
                partitions.Add(position.TopicPartition, offsets);
            }

            offsets.Track(position.Offset.Value);
        }
    }

    public void MarkDelivered(TopicPartitionOffset position)
    {
        lock (gate)
        {
            if (partitions.TryGetValue(position.TopicPartition, out var offsets))
            {
                offsets.MarkDelivered(position.Offset.Value);
                Monitor.PulseAll(gate);
            }
        }
    }

    /// <summary>Positions to commit, optionally limited to some partitions: only those that moved.</summary>
    public IReadOnlyList<TopicPartitionOffset> Uncommitted(IReadOnlyCollection<TopicPartition>? only = null)
    {
        lock (gate)
        {
            return [.. partitions
                .Where(p => p.Value.HasUncommitted && (only is null || only.Contains(p.Key)))
                .Select(p => new TopicPartitionOffset(p.Key, new Offset(p.Value.Committable!.Value)))];
        }
    }

    public void MarkCommitted(IEnumerable<TopicPartitionOffset> committed)
    {
        lock (gate)
        {
            foreach (var position in committed)
            {
                if (partitions.TryGetValue(position.TopicPartition, out var offsets))
                {
                    offsets.Committed = position.Offset.Value;
                }
            }
        }
    }

    public long? LastConsumed(TopicPartition partition)
    {
        lock (gate)
        {
            return partitions.TryGetValue(partition, out var offsets) ? offsets.LastConsumed : null;
        }
    }

    public int Pending(IReadOnlyCollection<TopicPartition>? only = null)
    {
        lock (gate)
        {
            return partitions.Where(p => only is null || only.Contains(p.Key)).Sum(p => p.Value.Pending);
        }
    }

    /// <summary>Blocks the calling (consume) thread until those partitions have nothing pending, or the timeout.</summary>
    public bool WaitForDelivery(IReadOnlyCollection<TopicPartition> only, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (gate)
        {
            while (partitions.Where(p => only.Contains(p.Key)).Sum(p => p.Value.Pending) > 0)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0)
                {
                    return false;
                }

                Monitor.Wait(gate, TimeSpan.FromMilliseconds(left));
            }

            return true;
        }
    }

    public void Remove(IEnumerable<TopicPartition> removed)
    {
        lock (gate)
        {
            foreach (var partition in removed)
            {
                partitions.Remove(partition);
            }
        }
    }
}
