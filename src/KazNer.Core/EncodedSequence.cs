namespace KazNer.Core;

/// <summary>
/// One model input: <c>&lt;s&gt; pieces &lt;/s&gt;</c> for a run of words of one sentence.
/// <see cref="Logits"/> is filled by <see cref="INerEngine.Infer"/>.
/// </summary>
public sealed class EncodedSequence
{
    internal EncodedSequence(int sentence, int firstWord, int[] ids, int[] wordStarts)
    {
        Sentence = sentence;
        FirstWord = firstWord;
        Ids = ids;
        WordStarts = wordStarts;
    }

    /// <summary>Index of the sentence within its document.</summary>
    public int Sentence { get; }

    /// <summary>Index, within the sentence, of the first word this window covers.</summary>
    public int FirstWord { get; }

    /// <summary>Token ids including the begin and end markers.</summary>
    public IReadOnlyList<int> Ids { get; }

    /// <summary>Position in <see cref="Ids"/> of the first piece of each covered word.</summary>
    public IReadOnlyList<int> WordStarts { get; }

    public int Length => Ids.Count;

    /// <summary>Row-major [Length, labels] scores, set once by inference.</summary>
    public float[]? Logits { get; internal set; }
}
