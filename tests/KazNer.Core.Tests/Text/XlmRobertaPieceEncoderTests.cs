using KazNer.Core.Text;

namespace KazNer.Core.Tests.Text;

public sealed class XlmRobertaPieceEncoderTests
{
    private static readonly XlmRobertaPieceEncoder Encoder =
        XlmRobertaPieceEncoder.Load(Path.Combine(RepoPaths.DefaultModel, "sentencepiece.bpe.model"));

    [Fact]
    public void EncodeText_EveryValidationSentence_MatchesSpmEncodeWithXlmRobertaIds()
    {
        var sentences = RepoPaths.ValidationSentences();
        // Written by training/make_fixtures.py with Debian's spm_encode: raw SentencePiece ids.
        var reference = File.ReadAllLines(RepoPaths.Fixture("spm_reference_ids.txt"));
        Assert.Equal(sentences.Count, reference.Length);
        var mismatches = new List<string>();
        for (var i = 0; i < sentences.Count; i++)
        {
            var text = string.Join(' ', sentences[i]);
            var expected = reference[i].Split(' ').Select(int.Parse).Select(id => id == 0 ? 3 : id + 1);
            if (!expected.SequenceEqual(Encoder.EncodeText(text)))
            {
                mismatches.Add(text + " | expected " + string.Join(",", expected) + " | got " + string.Join(",", Encoder.EncodeText(text)));
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} sentences differ: {string.Join("\n", mismatches.Take(3))}");
    }

    [Fact]
    public void EncodeWord_WordOnItsOwn_StartsWithAWordStartPieceLikeTheWholeText()
    {
        var ids = new List<int>();
        var added = Encoder.EncodeWord("Астанада", ids);

        Assert.Equal(added, ids.Count);
        Assert.Equal(Encoder.EncodeText("Астанада"), ids);
        Assert.DoesNotContain(ids, id => id < 3 && id != XlmRobertaPieceEncoder.UnknownId);
    }

    [Fact]
    public void EncodeWord_CharacterNeverSeenInTraining_MapsToXlmRobertaUnknown()
    {
        var ids = new List<int>();
        Encoder.EncodeWord("\u4E2D", ids);

        Assert.Contains(XlmRobertaPieceEncoder.UnknownId, ids);
    }
}
