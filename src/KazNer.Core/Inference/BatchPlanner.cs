namespace KazNer.Core.Inference;

/// <summary>
/// Groups sequences into batches of similar length so little of each batch is padding, keeping every
/// batch under the policy's token and sequence caps. A sequence over the token cap runs on its own.
/// </summary>
public static class BatchPlanner
{
    public static IReadOnlyList<IReadOnlyList<EncodedSequence>> Plan(IEnumerable<EncodedSequence> sequences, BatchPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var sorted = sequences.OrderBy(s => s.Length).ToList();
        var batches = new List<IReadOnlyList<EncodedSequence>>();
        var current = new List<EncodedSequence>();
        foreach (var sequence in sorted)
        {
            // Sorted ascending, so this sequence is the batch's longest once added.
            var padded = (current.Count + 1) * sequence.Length;
            if (current.Count > 0 && (current.Count == policy.MaxSequences || padded > policy.MaxTokens))
            {
                batches.Add(current);
                current = [];
            }

            current.Add(sequence);
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
