
namespace KazNer.Core.Tests;

public sealed class NerEngineTests
{
    private const string News =
        "Қазақстан Республикасының Президенті Қасым-Жомарт Тоқаев 2024 жылғы 12 наурызда Астанада " +
        "Еуропалық Одақ өкілдерімен кездесті. Кездесуге Сыртқы істер министрі Мұрат Нұртілеу қатысты.";

    [Fact]
    public void Annotate_ValidationText_EveryEntityIsTheDocumentSliceAtItsOffsets()
    {
        var documents = RepoPaths.ValidationSentences()
            .Select(tokens => string.Join(' ', tokens))
            .Chunk(8)
            .Select((sentences, i) => new NerDocument(i.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(' ', sentences)))
            .ToList();

        var results = SharedEngine.Instance.Annotate(documents, cancellationToken: TestContext.Current.CancellationToken);

        var entities = 0;
        foreach (var (document, result) in documents.Zip(results))
        {
            foreach (var e in result.Entities)
            {
                Assert.InRange(e.Start, 0, e.End - 1);
                Assert.InRange(e.End, e.Start + 1, document.Text.Length);
                Assert.Equal(document.Text[e.Start..e.End], e.Text);
                Assert.False(char.IsLowSurrogate(document.Text[e.Start]), "entity starts inside a surrogate pair");
                entities++;
            }
        }

        Assert.True(entities > 10_000, $"only {entities} entities on the validation text");
    }

    [Fact]
    public void Annotate_DocumentAloneOrBatchedWithLongerOnes_SameResult()
    {
        var alone = SharedEngine.Instance.Annotate([new NerDocument("a", News)], includeTokens: true, TestContext.Current.CancellationToken)[0];
        var longer = new NerDocument("b", string.Join(' ', Enumerable.Repeat("Алматы қаласында жаңа мектеп ашылды, оған 1 200 оқушы барады.", 6)));

        var batched = SharedEngine.Instance.Annotate([longer, new NerDocument("a", News), longer], includeTokens: true, TestContext.Current.CancellationToken)[1];

        Assert.Equal(alone.Entities, batched.Entities);
        Assert.Equal(alone.Tokens, batched.Tokens);
    }

    [Fact]
    public void Annotate_News_FindsThePresidentAndTheCapital()
    {
        var result = SharedEngine.Instance.Annotate([new NerDocument("news", News)], cancellationToken: TestContext.Current.CancellationToken)[0];

        Assert.Contains(result.Entities, e => e.Type == "PERSON" && e.Text.Contains("Тоқаев", StringComparison.Ordinal));
        Assert.Contains(result.Entities, e => e.Type == "GPE" && e.Text == "Астанада");
        Assert.All(result.Entities, e => Assert.InRange(e.Score, 0f, 1f));
    }

    [Theory]
    [InlineData("Жоба құны 2,3 млрд АҚШ долларына жетті, жол ұзындығы 40 км.", "млрд", "миллиард")]
    [InlineData("Қор 700 млн теңге бөлді, оның 12 трлн теңгесі қалды.", "трлн", "триллион")]
    public void Annotate_NumberAbbreviation_LabelledAsTheSpelledOutWordKazNerdWrites(string text, string abbreviation, string spelled)
    {
        var asWritten = SharedEngine.Instance.Annotate([new NerDocument("a", text)], includeTokens: true, TestContext.Current.CancellationToken)[0];
        var spelledOut = SharedEngine.Instance.Annotate([new NerDocument("s", text.Replace(abbreviation, spelled, StringComparison.Ordinal))], includeTokens: true, TestContext.Current.CancellationToken)[0];

        Assert.Equal(spelledOut.Tokens!.Select(t => t.Label), asWritten.Tokens!.Select(t => t.Label));
        Assert.Contains(asWritten.Entities, e => e.Type == "MONEY" && e.Text.Contains(abbreviation, StringComparison.Ordinal));
    }

    [Fact]
    public void Annotate_MinScore_KeepsExactlyTheEntitiesScoredAtLeastThatMuch()
    {
        var all = SharedEngine.Instance.Annotate([new NerDocument("news", News)], cancellationToken: TestContext.Current.CancellationToken)[0].Entities;
        var threshold = all.Select(e => e.Score).Order().ElementAt(all.Count / 2);
        using var strict = NerEngine.Load(new NerEngineOptions { Path = RepoPaths.DefaultModel, Device = Core.Inference.Device.Cpu, MinScore = threshold });

        var kept = strict.Annotate([new NerDocument("news", News)], cancellationToken: TestContext.Current.CancellationToken)[0].Entities;

        Assert.Equal(all.Where(e => e.Score >= threshold), kept);
        Assert.True(kept.Count < all.Count || all.All(e => e.Score == threshold));
    }

    [Fact]
    public void Annotate_EmojiAndMathLetters_NoWordOrEntityOffsetSplitsASurrogatePair()
    {
        const string text = "Астанада 😀😀 фестиваль өтті 𝔸𝔹𝔻-2024 👍🏽. «Қазақстан темір жолы» 😀компаниясы 5 % өсті.";

        var result = SharedEngine.Instance.Annotate([new NerDocument("emoji", text)], includeTokens: true, TestContext.Current.CancellationToken)[0];

        static bool Splits(string t, int offset) => offset > 0 && offset < t.Length && char.IsLowSurrogate(t[offset]);
        Assert.NotEmpty(result.Tokens!);
        Assert.All(result.Tokens!, t => Assert.False(Splits(text, t.Start) || Splits(text, t.End), $"{t.Start}..{t.End}"));
        Assert.All(result.Entities, e => Assert.False(Splits(text, e.Start) || Splits(text, e.End)));
        Assert.All(result.Sentences, s => Assert.False(Splits(text, s.Start) || Splits(text, s.End)));
        Assert.Contains(result.Tokens!, t => t.Text == "😀😀" || t.Text == "😀");
    }

    [Fact]
    public void Prepare_EmptyText_NoSentencesAndAssemblesToNothing()
    {
        var prepared = SharedEngine.Instance.Prepare(new NerDocument("empty", "  \n "));

        Assert.Empty(prepared.Sequences);
        Assert.Empty(SharedEngine.Instance.Assemble(prepared).Entities);
    }

    [Fact]
    public void Infer_Cancelled_ThrowsOperationCanceled()
    {
        var prepared = SharedEngine.Instance.Prepare(new NerDocument("x", News));

        Assert.Throws<OperationCanceledException>(() => SharedEngine.Instance.Infer(prepared.Sequences, new CancellationToken(canceled: true)));
    }
}
