using KazNer.Core.Evaluation;
using KazNer.Core.Text;

namespace KazNer.Core.Tests.Text;

/// <summary>Rebuilds each KazNERD validation sentence as text and checks the tokenizer finds the gold words again.</summary>
public sealed class KazNerdTokenizationRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public void Tokenize_GoldTokensJoinedBySpaces_RecoversEverySentence()
    {
        var failures = CountFailures(tokens => string.Join(' ', tokens));

        Assert.Equal(0, failures);
    }

    /// <remarks>Measured: all 11,167 sentences are recovered, so any loss is a regression to look at.</remarks>
    [Fact]
    public void Tokenize_GoldTokensJoinedNaturally_RecoversEverySentence()
    {
        var failures = CountFailures(NaturalJoin.Join);

        Assert.Equal(0, failures);
    }

    private int CountFailures(Func<IReadOnlyList<string>, string> join)
    {
        var sentences = ConllReader.ReadFile(RepoPaths.ValidationData);
        var failures = 0;
        foreach (var sentence in sentences)
        {
            var text = join(sentence.Tokens);
            var words = KazNerdWordTokenizer.Tokenize(text, new TextSpan(0, text.Length)).Select(w => w.Slice(text));
            if (!words.SequenceEqual(sentence.Tokens))
            {
                failures++;
                output.WriteLine($"not recovered: {text}");
            }
        }

        output.WriteLine($"{failures} of {sentences.Count} sentences not recovered.");
        return failures;
    }
}
