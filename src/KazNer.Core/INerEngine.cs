namespace KazNer.Core;

/// <summary>
/// Text in, entities out, in three steps a streaming host can interleave across many documents:
/// <see cref="Prepare"/> (split, tokenize, encode), <see cref="Infer"/> (one model run over a batch of
/// sequences from any documents) and <see cref="Assemble"/> (entities once all of a document's sequences
/// have logits). All members are thread-safe; <see cref="Infer"/> shares one inference session.
/// </summary>
public interface INerEngine
{
    ModelInfo Model { get; }

    /// <summary>Splits and encodes a document. Throws <see cref="ArgumentException"/> for unusable text.</summary>
    PreparedDocument Prepare(NerDocument document);

    /// <summary>Runs the model once over the batch and stores each sequence's logits on it.</summary>
    void Infer(IReadOnlyList<EncodedSequence> batch, CancellationToken cancellationToken = default);

    /// <summary>Builds the result once every sequence of the document has logits.</summary>
    AnnotatedDocument Assemble(PreparedDocument document, bool includeTokens = false);

    /// <summary>Prepare, infer in length-sorted batches under the batch policy, and assemble.</summary>
    IReadOnlyList<AnnotatedDocument> Annotate(
        IReadOnlyList<NerDocument> documents, bool includeTokens = false, CancellationToken cancellationToken = default);
}
