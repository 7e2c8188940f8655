using System.Runtime.InteropServices;

namespace KazNer.Core.Evaluation;

/// <summary>
/// Exact-match entity scoring as seqeval's default mode and conlleval compute it: an entity counts as found
/// only if a predicted entity has the same type, start and end.
/// </summary>
public sealed class EntityScorer
{
    private readonly Dictionary<string, EntityCounts> counts = new(StringComparer.Ordinal);

    /// <summary>
    /// The entities of one sentence's IOB2 labels as (type, first word, end word exclusive). As in conlleval, an
    /// <c>I-X</c> that does not continue an open <c>X</c> entity starts one, so <c>B-PER I-LOC</c> is a PER and a
    /// LOC entity and a sentence may begin with <c>I-X</c>.
    /// </summary>
    public static IReadOnlyList<(string Type, int Start, int End)> Chunks(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var chunks = new List<(string Type, int Start, int End)>();
        string? openType = null;
        var openStart = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i];
            if (!IobLabel.IsValid(label))
            {
                throw new ArgumentException($"Label {i} '{label}' is not an IOB2 label.", nameof(labels));
            }

            var continues = label != IobLabel.Outside && !IobLabel.IsBegin(label)
                && openType is not null && IobLabel.HasType(label, openType);
            if (continues)
            {
                continue;
            }

            if (openType is not null)
            {
                chunks.Add((openType, openStart, i));
            }

            openType = label == IobLabel.Outside ? null : IobLabel.TypeOf(label);
            openStart = i;
        }

        if (openType is not null)
        {
            chunks.Add((openType, openStart, labels.Count));
        }

        return chunks;
    }

    /// <summary>Adds one sentence: its gold labels and the predicted labels for the same words.</summary>
    public void Add(IReadOnlyList<string> gold, IReadOnlyList<string> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        if (gold.Count != predicted.Count)
        {
            throw new ArgumentException($"{predicted.Count} predicted labels for {gold.Count} gold labels.", nameof(predicted));
        }

        var predictedChunks = Chunks(predicted);
        var found = predictedChunks.ToHashSet();
        foreach (var chunk in Chunks(gold))
        {
            Count(chunk.Type) += new EntityCounts(1, 0, found.Contains(chunk) ? 1 : 0);
        }

        foreach (var chunk in predictedChunks)
        {
            Count(chunk.Type) += new EntityCounts(0, 1, 0);
        }
    }

    public EvaluationReport Report() => EvaluationReport.FromCounts(this.counts);

    private ref EntityCounts Count(string type) =>
        ref CollectionsMarshal.GetValueRefOrAddDefault(this.counts, type, out _);
}
