using KazNer.Core.Evaluation;

namespace KazNer.Core.Tests.Evaluation;

public sealed class ConllReaderTests
{
    [Fact]
    public void Read_SentencesWithExtraColumnsAndBlankRuns_TakesFirstAndLastColumns()
    {
        const string file = "Қасым-Жомарт NNP B-PERSON\nТоқаев\tNNP\tI-PERSON\n. . O\n\n\n  \nАстанаға B-GPE\nкелді O\n";

        var sentences = ConllReader.Read(new StringReader(file), "test.txt");

        Assert.Equal(2, sentences.Count);
        Assert.Equal(["Қасым-Жомарт", "Тоқаев", "."], sentences[0].Tokens);
        Assert.Equal(["B-PERSON", "I-PERSON", "O"], sentences[0].Labels);
        Assert.Equal(["Астанаға", "келді"], sentences[1].Tokens);
        Assert.Equal(["B-GPE", "O"], sentences[1].Labels);
    }

    [Fact]
    public void Read_KazNerdIdLine_IsTheSentencesIdNotAToken()
    {
        var sentences = ConllReader.Read(new StringReader("AID283875 O\nӘрі O\n\nDID7 O\nАстана B-GPE\n"), "ids.txt");

        Assert.Equal(2, sentences.Count);
        Assert.Equal(["AID283875", "DID7"], sentences.Select(s => s.Id));
        Assert.Equal(["Әрі"], sentences[0].Tokens);
        Assert.Equal(["Астана"], sentences[1].Tokens);
        Assert.Equal(["B-GPE"], sentences[1].Labels);
    }

    [Theory]
    [InlineData("Әрі O\nAID283875 O\n", "AID283875")]      // not the sentence's first line
    [InlineData("BID5 B-PRODUCT\nжаңа O\n", "BID5")]       // labelled as an entity
    [InlineData("AID12 O O\nжаңа O\n", "AID12")]           // more columns than an id line has
    public void Read_IdLikeTokenElsewhere_StaysAToken(string file, string token)
    {
        var sentence = Assert.Single(ConllReader.Read(new StringReader(file), "ids.txt"));

        Assert.Null(sentence.Id);
        Assert.Contains(token, sentence.Tokens);
    }

    [Fact]
    public void Read_IdLineHeadingNoSentence_ThrowsWithFileAndLine()
    {
        var error = Assert.Throws<ConllFormatException>(
            () => ConllReader.Read(new StringReader("Әрі O\n\nAID283875 O\n\nАстана B-GPE\n"), "ids.txt"));

        Assert.StartsWith("ids.txt:3:", error.Message, StringComparison.Ordinal);
        Assert.Contains("AID283875", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OneColumnLine_ThrowsWithFileAndLine()
    {
        var error = Assert.Throws<ConllFormatException>(
            () => ConllReader.Read(new StringReader("Әрі O\n\nболады\n"), "broken.txt"));

        Assert.StartsWith("broken.txt:3:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("E-PERSON")]
    [InlineData("B-")]
    [InlineData("PERSON")]
    [InlineData("o")]
    public void Read_NonIob2Label_ThrowsWithFileAndLine(string label)
    {
        var error = Assert.Throws<ConllFormatException>(
            () => ConllReader.Read(new StringReader($"Әрі O\nАстана {label}\n"), "labels.txt"));

        Assert.StartsWith("labels.txt:2:", error.Message, StringComparison.Ordinal);
        Assert.Contains(label, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_KazNerdValidationSplit_MatchesTheCountsInItsReadme()
    {
        var sentences = ConllReader.ReadFile(RepoPaths.ValidationData);

        Assert.Equal(11_167, sentences.Count);
        Assert.Equal(129_223, sentences.Sum(s => s.Tokens.Count));
        Assert.Equal(25, sentences.SelectMany(s => s.Labels).Where(l => l != "O").Select(l => l[2..]).Distinct().Count());
    }

    [Fact]
    public void ReadFile_KazNerdValidationWithIds_SameSentencesAsTheFileWithout()
    {
        var plain = ConllReader.ReadFile(RepoPaths.ValidationData);
        var withIds = ConllReader.ReadFile(RepoPaths.ValidationDataWithIds);

        Assert.Equal(plain.Count, withIds.Count);
        Assert.All(withIds, s => Assert.Matches("^[A-F]ID[0-9]+$", s.Id));
        Assert.Equal(plain.Select(Line), withIds.Select(Line));

        static string Line(ConllSentence s) => string.Join(' ', s.Tokens.Zip(s.Labels, (t, l) => t + "/" + l));
    }
}
