using Confluent.Kafka;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// The one owner of the rule "every consumed record is released exactly once, and only the unbroken run of
/// delivered offsets is committed". A record is admitted when consumed and released either by its
/// acknowledgement (all its outgoing messages delivered, or its dead letter) or by dropping its partition
/// (revoked or lost); whichever comes first releases its in-flight budget, the other is ignored. The consume
/// thread, delivery callbacks and rebalance callbacks all go through this one lock.
/// </summary>
internal sealed class InFlightLedger(FlowControl flow)
{
    private readonly Dictionary<TopicPartition, PartitionLedger> partitions = [];
    private readonly object gate = new();

    public void Admit(InFlightDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        lock (gate)
        {
            if (!partitions.TryGetValue(document.Partition, out var ledger))
            {
                ledger = new PartitionLedger();
                partitions.Add(document.Partition, ledger);
            }

            if (ledger.Admit(document))
            {
                flow.Acquire(document.Source.Bytes);
            }
        }
    }

    /// <returns>True when this call released the record; false when it was released before (its partition dropped).</returns>
    public bool Acknowledge(InFlightDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        lock (gate)
        {
            if (!partitions.TryGetValue(document.Partition, out var ledger) || !ledger.Acknowledge(document))
            {
                return false;
            }

            flow.Release(document.Source.Bytes);
            Monitor.PulseAll(gate);
            return true;
        }
    }

    /// <summary>Forgets the partitions; their unacknowledged records are marked dropped and released.</summary>
    /// <returns>How many records were still in flight.</returns>
    public int Drop(IEnumerable<TopicPartition> dropped)
    {
        var released = new List<InFlightDocument>();
        lock (gate)
        {
            foreach (var partition in dropped)
            {
                if (partitions.Remove(partition, out var ledger))
                {
                    released.AddRange(ledger.Unacknowledged);
                }
            }

            foreach (var document in released)
            {
                document.Drop();
                flow.Release(document.Source.Bytes);
            }

            Monitor.PulseAll(gate);
        }

        return released.Count;
    }

    /// <summary>
    /// Positions that moved since the last commit, optionally limited to some partitions. With
    /// <paramref name="staged"/> (the records of an open transaction), those count as delivered.
    /// </summary>
    public IReadOnlyList<TopicPartitionOffset> Uncommitted(
        IReadOnlyCollection<TopicPartition>? only = null, IReadOnlyCollection<TopicPartitionOffset>? staged = null)
    {
        var inTransaction = staged?.ToLookup(s => s.TopicPartition, s => s.Offset.Value);
        lock (gate)
        {
            var positions = new List<TopicPartitionOffset>();
            foreach (var (partition, ledger) in partitions)
            {
                var position = inTransaction is null ? ledger.Committable : ledger.CommittableWith(inTransaction[partition].ToHashSet());
                if (position is { } next && next != ledger.Committed && (only is null || only.Contains(partition)))
                {
                    positions.Add(new TopicPartitionOffset(partition, new Offset(next)));
                }
            }

            return positions;
        }
    }

    /// <summary>Partitions with consumed records whose position is not committed: (partition, committed, last consumed).</summary>
    public IReadOnlyList<(TopicPartition Partition, long? Committed, long LastConsumed)> Behind()
    {
        lock (gate)
        {
            return [.. partitions
                .Where(p => p.Value.LastConsumed is { } last && (p.Value.Committed ?? -1) <= last)
                .Select(p => (p.Key, p.Value.Committed, p.Value.LastConsumed!.Value))];
        }
    }

    public void MarkCommitted(IEnumerable<TopicPartitionOffset> committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        lock (gate)
        {
            foreach (var position in committed)
            {
                if (partitions.TryGetValue(position.TopicPartition, out var ledger))
                {
                    ledger.Committed = position.Offset.Value;
                }
            }
        }
    }

    public long? Committed(TopicPartition partition)
    {
        lock (gate)
        {
            return partitions.TryGetValue(partition, out var ledger) ? ledger.Committed : null;
        }
    }

    public long? LastConsumed(TopicPartition partition)
    {
        lock (gate)
        {
            return partitions.TryGetValue(partition, out var ledger) ? ledger.LastConsumed : null;
        }
    }

    /// <summary>Records admitted and not yet released.</summary>
    public int InFlight(IReadOnlyCollection<TopicPartition>? only = null)
    {
        lock (gate)
        {
            return InFlightLocked(only);
        }
    }

    /// <summary>Blocks the calling (consume) thread until those partitions have nothing in flight, or the timeout.</summary>
    public bool WaitForDelivery(IReadOnlyCollection<TopicPartition> only, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (gate)
        {
            while (InFlightLocked(only) > 0)
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

    private int InFlightLocked(IReadOnlyCollection<TopicPartition>? only) =>
        partitions.Where(p => only is null || only.Contains(p.Key)).Sum(p => p.Value.InFlight);
}
