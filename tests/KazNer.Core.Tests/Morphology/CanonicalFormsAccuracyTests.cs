using System.Globalization;
using KazNer.Core.Morphology;

namespace KazNer.Core.Tests.Morphology;

/// <summary>
/// Canonical forms against Fixtures/canonical-forms.tsv: mentions of GPE, PERSON, ORGANISATION, LOCATION and
/// FACILITY from the KazNERD validation split and test part A, with base forms checked by hand, each with its
/// sentence as the document.
/// </summary>
public sealed class CanonicalFormsAccuracyTests(ITestOutputHelper output)
{
    private const double RequiredAccuracy = 0.95;

    [Fact]
    public void HandCheckedSet_AtLeast95PercentExact_AndEveryNameThatEndsLikeASuffixStaysWhole()
    {
        var rows = HandCheckedRow.ReadAll(RepoPaths.Fixture("canonical-forms.tsv"));
        var sentences = SentencesById("IOB2_valid_with_ids.txt", "IOB2_test_partA_with_ids.txt");
        Assert.True(rows.Count >= 300, $"only {rows.Count} hand-checked mentions");

        var wrong = new List<string>();
        foreach (var row in rows)
        {
            var canonical = CanonicalForms.Default.Of(row.Type, row.Mention, sentences[row.SentenceId]);
            if (canonical != row.Canonical)
            {
                wrong.Add($"{row.Type} «{row.Mention}»: «{canonical}», expected «{row.Canonical}»");
            }
        }

        var accuracy = 1.0 - ((double)wrong.Count / rows.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy {accuracy:P1} ({rows.Count - wrong.Count}/{rows.Count})"));
        wrong.ForEach(output.WriteLine);
        Assert.True(accuracy >= RequiredAccuracy, string.Join('\n', wrong));

        var suffixLike = rows.Where(r => r.IsSuffixLikeName).ToList();
        Assert.NotEmpty(suffixLike);
        Assert.All(suffixLike, r => Assert.Equal(r.Mention, CanonicalForms.Default.Of(r.Type, r.Mention, sentences[r.SentenceId])));
    }

    private static Dictionary<string, IReadOnlySet<string>> SentencesById(params string[] files)
    {
        var sentences = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        HashSet<string>? words = null;
        foreach (var line in files.SelectMany(f => File.ReadLines(Path.Combine(RepoPaths.Root, "data", "kaznerd", f))))
        {
            if (line.Length == 0)
            {
                words = null;
                continue;
            }

            var token = line[..line.LastIndexOf(' ')];
            if (words is null)
            {
                words = [];
                sentences[token] = words;
            }
            else
            {
                words.Add(token);
            }
        }

        return sentences;
    }
}
