namespace KazNer.Stream.Pipeline;

/// <summary>
/// The in-flight records of one partition in consume order. The committable position only moves over an
/// unbroken run of acknowledged offsets, so a slow or failed record holds back the commit of everything after it.
/// Not thread-safe: <see cref="InFlightLedger"/> holds the lock.
/// </summary>
internal sealed class PartitionLedger
{
    private readonly Queue<long> consumed = new();
    private readonly Dictionary<long, InFlightDocument> unacknowledged = [];
    private readonly HashSet<long> acknowledged = [];

    public long? Committable { get; private set; }

    public long? Committed { get; set; }

    public long? LastConsumed { get; private set; }

    public int InFlight => unacknowledged.Count;

    public IEnumerable<InFlightDocument> Unacknowledged => unacknowledged.Values;

    public bool Admit(InFlightDocument document)
    {
        if (!unacknowledged.TryAdd(document.Source.Offset, document))
        {
            return false;
        }

        consumed.Enqueue(document.Source.Offset);
        LastConsumed = document.Source.Offset;
        return true;
    }

    /// <returns>False when this very document is not in flight here (already acknowledged, or from an earlier assignment).</returns>
    public bool Acknowledge(InFlightDocument document)
    {
        var offset = document.Source.Offset;
        if (!unacknowledged.TryGetValue(offset, out var tracked) || !ReferenceEquals(tracked, document))
        {
            return false;
        }

        unacknowledged.Remove(offset);
        acknowledged.Add(offset);
        while (consumed.TryPeek(out var head) && acknowledged.Remove(head))
        {
            consumed.Dequeue();
            Committable = head + 1;
        }

        return true;
    }

    /// <summary>
    /// The position past the unbroken run of records that are acknowledged or <paramref name="staged"/>: records in
    /// the transaction that would carry this position, and so become durable exactly when it commits.
    /// </summary>
    public long? CommittableWith(IReadOnlySet<long> staged)
    {
        var position = Committable;
        foreach (var offset in consumed)
        {
            if (!acknowledged.Contains(offset) && !staged.Contains(offset))
            {
                break;
            }

            position = offset + 1;
        }

        return position;
    }
}
