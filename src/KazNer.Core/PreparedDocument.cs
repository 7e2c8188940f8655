namespace KazNer.Core;

/// <summary>A document split into sentences and words, with the model sequences that cover them.</summary>
public sealed class PreparedDocument
{
    internal PreparedDocument(NerDocument document, IReadOnlyList<PreparedSentence> sentences, IReadOnlyList<EncodedSequence> sequences)
    {
        Document = document;
        Sentences = sentences;
        Sequences = sequences;
    }

    public NerDocument Document { get; }

    public IReadOnlyList<PreparedSentence> Sentences { get; }

    /// <summary>Every window of every sentence; a sentence longer than the model's limit has several.</summary>
    public IReadOnlyList<EncodedSequence> Sequences { get; }

    public bool IsComplete => Sequences.All(s => s.Logits is not null);
}
