namespace KazNer.Stream.Pipeline;

/// <summary>
/// Offsets of one partition in consume order; the committable position only moves over an unbroken run of
/// delivered offsets, so a slow or failed record holds back the commit of everything after it.
/// </summary>
internal sealed class PartitionOffsets
{
    private readonly Queue<long> consumed = new();
    private readonly HashSet<long> delivered = [];

    public long? Committable { get; private set; }

    public long? Committed { get; set; }

    public long? LastConsumed { get; private set; }

    public int Pending => consumed.Count;

    public bool HasUncommitted => Committable is { } next && next != Committed;

    public void Track(long offset)
    {
        consumed.Enqueue(offset);
        LastConsumed = offset;
    }

    public void MarkDelivered(long offset)
    {
        delivered.Add(offset);
        while (consumed.TryPeek(out var head) && delivered.Remove(head))
        {
            consumed.Dequeue();
            Committable = head + 1;
        }
    }
}
