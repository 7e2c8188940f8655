using KazNer.Core.Inference;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// Sequences of any documents and partitions waiting for a batch, in arrival order. Batches are cut from
/// the length-sorted pool, so each holds sequences of similar length and little of it is padding.
/// </summary>
internal sealed class PendingPool(BatchPolicy policy)
{
    private readonly List<Waiting> waiting = [];

    public int Count => waiting.Count;

    /// <summary><see cref="TimeProvider.GetTimestamp"/> of the longest-waiting sequence; the pool must not be empty.</summary>
    public long OldestArrival => waiting[0].ArrivedAt;

    public void Add(PendingSequence sequence, long arrivedAt) => waiting.Add(new Waiting(sequence, arrivedAt, 0));

    /// <summary>
    /// Takes the next batch: among the length-sorted batches of the pool, the oldest full one, or with
    /// <paramref name="includePartial"/> the one holding the longest-waiting sequence whether full or not.
    /// </summary>
    /// <returns>Null when there is nothing to take.</returns>
    public IReadOnlyList<PendingSequence>? Take(bool includePartial)
    {
        var ranked = waiting.Select((w, i) => w with { Rank = i });
        var batches = BatchPlanner.Plan(ranked, w => w.Sequence.Sequence.Length, policy)
            .OrderBy(b => b.Min(w => w.Rank));
        var chosen = includePartial ? batches.FirstOrDefault() : batches.FirstOrDefault(IsFull);
        if (chosen is null)
        {
            return null;
        }

        var taken = chosen.Select(w => w.Rank).ToHashSet();
        var kept = waiting.Where((_, i) => !taken.Contains(i)).ToList();
        waiting.Clear();
        waiting.AddRange(kept);
        return [.. chosen.Select(w => w.Sequence)];
    }

    private bool IsFull(IReadOnlyList<Waiting> batch)
    {
        var longest = batch.Max(w => w.Sequence.Sequence.Length);
        return batch.Count >= policy.MaxSequences || (long)(batch.Count + 1) * longest > policy.MaxTokens;
    }

    private sealed record Waiting(PendingSequence Sequence, long ArrivedAt, int Rank);
}
