namespace KazNer.Core.Inference;

/// <summary>
/// Groups sequences into batches of similar length, keeping every batch under the policy's token, sequence
/// and padding caps. A sequence over the token cap runs on its own. A BiLSTM gains little from big batches
/// but pays for every padded step, so a batch is cut rather than padded past the cap.
/// </summary>
public static class BatchPlanner
{
    public static IReadOnlyList<IReadOnlyList<EncodedSequence>> Plan(IEnumerable<EncodedSequence> sequences, BatchPolicy policy) =>
        Plan(sequences, s => s.Length, policy);

    /// <summary>The same plan over any items that carry a sequence length.</summary>
    public static IReadOnlyList<IReadOnlyList<T>> Plan<T>(IEnumerable<T> items, Func<T, int> length, BatchPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(length);
        var sorted = items.OrderBy(length).ToList();
        var batches = new List<IReadOnlyList<T>>();
        var current = new List<T>();
        long real = 0;
        foreach (var sequence in sorted)
        {
            // Sorted ascending, so this sequence is the batch's longest once added.
            var sequenceLength = length(sequence);
            var padded = (long)(current.Count + 1) * sequenceLength;
            var padding = padded == 0 ? 0 : 1.0 - ((double)(real + sequenceLength) / padded);
            if (current.Count > 0 && (current.Count == policy.MaxSequences || padded > policy.MaxTokens || padding > policy.MaxPadding))
            {
                batches.Add(current);
                current = [];
                real = 0;
            }

            current.Add(sequence);
            real += sequenceLength;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }

    /// <summary>Share of a batch's padded tokens that are padding.</summary>
    public static double PaddingRatio(IReadOnlyCollection<EncodedSequence> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return 0;
        }

        var longest = batch.Max(s => s.Length);
        var real = batch.Sum(s => s.Length);
        return 1.0 - ((double)real / ((long)longest * batch.Count));
    }
}
