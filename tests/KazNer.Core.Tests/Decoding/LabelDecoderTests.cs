using KazNer.Core.Decoding;
using KazNer.Core.Model;

namespace KazNer.Core.Tests.Decoding;

public sealed class LabelDecoderTests
{
    private static readonly LabelSet Labels = LabelSet.Parse(["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]);

    private static WordScores Scores(params float[][] rows) => new([.. rows.SelectMany(r => r)], Labels.Count);

    private static string[] Names(int[] ids) => [.. ids.Select(i => Labels.Names[i])];

    [Fact]
    public void Decode_NoCrf_InsideLabelsThatCannotContinue_BecomeBegin()
    {
        // Argmax per word: I-PER I-PER O I-LOC B-PER I-LOC.
        var scores = Scores(
            [0, 1, 5, 0, 0], [0, 1, 5, 0, 0], [5, 0, 0, 0, 0], [0, 0, 0, 1, 5], [0, 5, 1, 0, 0], [0, 0, 0, 1, 5]);

        var (raw, valid, _) = new LabelDecoder(Labels, crf: null).Decode(scores);

        Assert.Equal(["I-PER", "I-PER", "O", "I-LOC", "B-PER", "I-LOC"], Names(raw));
        Assert.Equal(["B-PER", "I-PER", "O", "B-LOC", "B-PER", "B-LOC"], Names(valid));
    }

    [Fact]
    public void Decode_Crf_NeverStartsWithInsideEvenWhenItScoresBest()
    {
        var crf = new CrfScores(new float[5, 5], new float[5], new float[5]);

        var (_, valid, _) = new LabelDecoder(Labels, crf).Decode(Scores([0, 4, 5, 0, 0]));

        Assert.Equal(["B-PER"], Names(valid));
    }

    [Fact]
    public void Decode_Crf_TransitionScoreTipsAnAmbiguousWord()
    {
        var transitions = new float[5, 5];
        transitions[1, 2] = 0.5f; // B-PER -> I-PER
        var crf = new CrfScores(transitions, new float[5], new float[5]);

        // B-PER I-PER = 4 + 0.9 + 0.5 = 5.4 beats B-PER O = 4 + 1.0 = 5.0.
        var (_, valid, _) = new LabelDecoder(Labels, crf).Decode(Scores([0, 4, 0, 0, 0], [1.0f, 0, 0.9f, 0, 0]));

        Assert.Equal(["B-PER", "I-PER"], Names(valid));
    }

    [Fact]
    public void Decode_Crf_InsideOfOtherTypeAfterBegin_IsNeverChosen()
    {
        var crf = new CrfScores(new float[5, 5], new float[5], new float[5]);

        // I-LOC scores best after B-PER, but B-PER -> I-LOC is not IOB2; B-LOC (4) is the best valid choice.
        var (_, valid, _) = new LabelDecoder(Labels, crf).Decode(Scores([0, 5, 0, 0, 0], [0, 0, 0, 4, 6]));

        Assert.Equal(["B-PER", "B-LOC"], Names(valid));
    }
}
