using System.Collections.Concurrent;
using KazNer.Core;

namespace KazNer.Stream.Tests.Support;

/// <summary>
/// The real engine, recording every batch; a batch holding a sequence of a document whose text contains
/// <see cref="Poison"/> fails, as a model failure tied to one document would.
/// </summary>
internal sealed class ObservedEngine(INerEngine inner) : INerEngine
{
    public const string Poison = "☠";

    private readonly ConcurrentDictionary<EncodedSequence, bool> poisoned = new();

    public ConcurrentQueue<int> BatchSizes { get; } = new();

    public int InferCalls => BatchSizes.Count;

    public ModelInfo Model => inner.Model;

    public PreparedDocument Prepare(NerDocument document)
    {
        var prepared = inner.Prepare(document);
        if (document.Text.Contains(Poison, StringComparison.Ordinal))
        {
            foreach (var sequence in prepared.Sequences)
            {
                poisoned[sequence] = true;
            }
        }

        return prepared;
    }

    public void Infer(IReadOnlyList<EncodedSequence> batch, CancellationToken cancellationToken = default)
    {
        BatchSizes.Enqueue(batch.Count);
        if (batch.Any(poisoned.ContainsKey))
        {
            throw new InvalidOperationException("model failure on a poisoned document");
        }

        inner.Infer(batch, cancellationToken);
    }

    public AnnotatedDocument Assemble(PreparedDocument document, bool includeTokens = false) => inner.Assemble(document, includeTokens);

    public IReadOnlyList<AnnotatedDocument> Annotate(IReadOnlyList<NerDocument> documents, bool includeTokens = false, CancellationToken cancellationToken = default) =>
        inner.Annotate(documents, includeTokens, cancellationToken);
}
