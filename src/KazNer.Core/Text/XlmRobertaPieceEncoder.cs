using Microsoft.ML.Tokenizers;

namespace KazNer.Core.Text;

/// <summary>
/// SentencePiece with XLM-R's id mapping, as Transformers applies it on top of fairseq's dictionary:
/// &lt;s&gt;=0, &lt;pad&gt;=1, &lt;/s&gt;=2, &lt;unk&gt;=3 and every other piece = SentencePiece id + 1.
/// </summary>
public sealed class XlmRobertaPieceEncoder
{
    public const int BeginId = 0;
    public const int PadId = 1;
    public const int EndId = 2;
    public const int UnknownId = 3;
    private const int FairseqOffset = 1;

    private readonly SentencePieceTokenizer tokenizer;

    public XlmRobertaPieceEncoder(Stream sentencePieceModel)
    {
        this.tokenizer = SentencePieceTokenizer.Create(sentencePieceModel, addBeginningOfSentence: false, addEndOfSentence: false);
    }

    public static XlmRobertaPieceEncoder Load(string path)
    {
        using var stream = File.OpenRead(path);
        return new XlmRobertaPieceEncoder(stream);
    }

    /// <summary>
    /// Appends the ids of one word encoded on its own, as a Transformers tokenizer does with
    /// is_split_into_words: the word gets the leading "▁" of a word start. Returns how many were added.
    /// </summary>
    public int EncodeWord(ReadOnlySpan<char> word, List<int> ids)
    {
        var before = ids.Count;
        Append(this.tokenizer.EncodeToIds(word, addBeginningOfSentence: false, addEndOfSentence: false), ids);
        return ids.Count - before;
    }

    /// <summary>Model ids for a whole text, without the begin and end markers (the spm_encode view).</summary>
    public IReadOnlyList<int> EncodeText(string text)
    {
        var ids = new List<int>();
        Append(this.tokenizer.EncodeToIds(text, addBeginningOfSentence: false, addEndOfSentence: false), ids);
        return ids;
    }

    private void Append(IReadOnlyList<int> pieces, List<int> ids)
    {
        var previousUnknown = false;
        foreach (var piece in pieces)
        {
            var unknown = piece == this.tokenizer.UnknownId;
            // SentencePiece itself (and so Transformers) merges a run of unknown characters into one <unk>;
            // Microsoft.ML.Tokenizers emits one per character.
            if (!(unknown && previousUnknown))
            {
                ids.Add(unknown ? UnknownId : piece + FairseqOffset);
            }

            previousUnknown = unknown;
        }
    }
}
