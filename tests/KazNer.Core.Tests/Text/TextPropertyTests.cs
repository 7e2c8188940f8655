using CsCheck;
using KazNer.Core.Text;

namespace KazNer.Core.Tests.Text;

/// <summary>Properties of sentence splitting, word tokenization, encoding and entity assembly on arbitrary strings.</summary>
public sealed class TextPropertyTests
{
    [Fact]
    public void Split_AnyText_GivesOrderedNonEmptySpansInRangeOutsideSurrogatePairs() =>
        ArbitraryText.Text.Sample(text => AssertSpans(text, KazakhSentenceSplitter.Split(text), new TextSpan(0, text.Length)), iter: 5_000);

    [Fact]
    public void Tokenize_AnySentence_GivesOrderedNonEmptyWordsInsideTheSentence() =>
        ArbitraryText.Text.Sample(
            text =>
            {
                foreach (var sentence in KazakhSentenceSplitter.Split(text).Append(new TextSpan(0, text.Length)))
                {
                    AssertSpans(text, KazNerdWordTokenizer.Tokenize(text, sentence), sentence);
                }
            },
            iter: 5_000);

    [Fact]
    public void Prepare_AnyText_EncodesEveryWordOnceInWindowsThatFitTheModel() =>
        ArbitraryText.Text.Sample(
            text =>
            {
                var engine = SharedEngine.Instance;
                var prepared = engine.Prepare(new NerDocument("p", text));
                Assert.Equal(KazakhSentenceSplitter.Split(text).Where(s => KazNerdWordTokenizer.Tokenize(text, s).Count > 0), prepared.Sentences.Select(s => s.Span));
                foreach (var sentence in prepared.Sentences)
                {
                    AssertSpans(text, sentence.Words, sentence.Span);
                    var windows = prepared.Sequences.Where(s => s.Sentence == sentence.Index).ToList();
                    Assert.NotEmpty(windows);
                    Assert.Equal(0, windows[0].FirstWord);
                    Assert.Equal(sentence.Words.Count, windows.Max(w => w.FirstWord + w.WordStarts.Count));
                    foreach (var window in windows)
                    {
                        Assert.InRange(window.Length, 3, engine.Model.MaxSequenceLength);
                        Assert.All(window.Ids, id => Assert.True(id >= 0));
                        Assert.All(window.WordStarts, start => Assert.InRange(start, 1, window.Length - 2));
                        Assert.Equal(window.WordStarts.Order(), window.WordStarts);
                        Assert.Equal(window.WordStarts.Count, window.WordStarts.Distinct().Count());
                    }
                }
            },
            iter: 2_000);

    /// <summary>Random scores instead of the model's, so that entities of every shape and length are assembled.</summary>
    [Fact]
    public void Assemble_AnyTextAndScores_GivesEntitiesEqualToTheirSlice() =>
        Gen.Select(ArbitraryText.Text, Gen.Int).Sample(
            (text, seed) =>
            {
                var engine = SharedEngine.Instance;
                var prepared = engine.Prepare(new NerDocument("p", text));
                var random = new Random(seed);
                foreach (var sequence in prepared.Sequences)
                {
                    sequence.Logits = [.. Enumerable.Range(0, sequence.Length * engine.Model.Labels.Count).Select(_ => (float)(random.NextDouble() * 8 - 4))];
                }

                AssertEntities(text, engine.Assemble(prepared));
            },
            iter: 2_000);

    [Fact]
    public void Annotate_AnyText_WithTheShippedModel_GivesEntitiesEqualToTheirSlice() =>
        ArbitraryText.Text.Sample(text => AssertEntities(text, SharedEngine.Instance.Annotate([new NerDocument("p", text)])[0]), iter: 300, threads: 1);

    private static void AssertEntities(string text, AnnotatedDocument annotated)
    {
        AssertSpans(text, annotated.Sentences, new TextSpan(0, text.Length));
        AssertSpans(text, [.. annotated.Entities.Select(e => new TextSpan(e.Start, e.End))], new TextSpan(0, text.Length));
        foreach (var entity in annotated.Entities)
        {
            Assert.Equal(text[entity.Start..entity.End], entity.Text);
            Assert.InRange(entity.Sentence, 0, annotated.Sentences.Count - 1);
            var sentence = annotated.Sentences[entity.Sentence];
            Assert.True(entity.Start >= sentence.Start && entity.End <= sentence.End, $"entity {entity} outside its sentence {sentence}");
            Assert.InRange(entity.Score, 0f, 1f);
        }
    }

    private static void AssertSpans(string text, IReadOnlyList<TextSpan> spans, TextSpan within)
    {
        var previousEnd = within.Start;
        foreach (var span in spans)
        {
            Assert.True(span.Start >= previousEnd, $"span {span} starts before the previous one ends ({previousEnd})");
            Assert.True(span.End > span.Start, $"span {span} is empty");
            Assert.True(span.End <= within.End, $"span {span} ends after {within}");
            Assert.False(ArbitraryText.SplitsSurrogatePair(text, span.Start), $"span {span} starts inside a surrogate pair");
            Assert.False(ArbitraryText.SplitsSurrogatePair(text, span.End), $"span {span} ends inside a surrogate pair");
            previousEnd = span.End;
        }
    }
}
