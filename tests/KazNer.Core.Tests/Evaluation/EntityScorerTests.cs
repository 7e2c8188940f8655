using System.Text.Json;
using KazNer.Core.Evaluation;

namespace KazNer.Core.Tests.Evaluation;

public sealed class EntityScorerTests
{
    private const int Precision = 4;

    [Fact]
    public void Report_ShiftedEntity_CountsAsMissedAndSpurious()
    {
        // seqeval's classification_report docstring example. Gold MISC [3,6) and PER [0,2); predicted MISC [2,6)
        // is wrong, PER right: MISC 0/0/0, PER 1/1/1; micro 1 of 2 = 0.5; macro (0+1)/2 = 0.5; weighted the same.
        var report = Score(
            (["O", "O", "O", "B-MISC", "I-MISC", "I-MISC", "O"], ["O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"]),
            (["B-PER", "I-PER", "O"], ["B-PER", "I-PER", "O"]));

        AssertScore(report.Classes["MISC"], 0, 0, 0, 1);
        AssertScore(report.Classes["PER"], 1, 1, 1, 1);
        AssertScore(report.Micro, 0.5, 0.5, 0.5, 2);
        AssertScore(report.Macro, 0.5, 0.5, 0.5, 2);
        AssertScore(report.Weighted, 0.5, 0.5, 0.5, 2);
    }

    [Fact]
    public void Report_SplitEntities_AveragesAsSeqevalDocuments()
    {
        // seqeval's f1_score docstring: micro 0.6666666666666666, macro 0.75, weighted 0.6666666666666666.
        // Gold MISC [2,4), [4,5), PER [0,2); predicted MISC [2,4), [4,6), PER [0,2): MISC 1 of 2 each way.
        var report = Score(
            (["O", "O", "B-MISC", "I-MISC", "B-MISC", "O", "O"], ["O", "O", "B-MISC", "I-MISC", "B-MISC", "I-MISC", "O"]),
            (["B-PER", "I-PER", "O"], ["B-PER", "I-PER", "O"]));

        AssertScore(report.Classes["MISC"], 0.5, 0.5, 0.5, 2);
        AssertScore(report.Micro, 2.0 / 3, 2.0 / 3, 2.0 / 3, 3);
        Assert.Equal(0.75, report.Macro.F1, Precision);
        Assert.Equal(2.0 / 3, report.Weighted.F1, Precision);
    }

    [Fact]
    public void Report_PredictedOnlyClassEmptyAndAllOutsideSentences_CountsAsSeqeval()
    {
        var report = Score(
            (["B-PERSON", "I-PERSON", "O", "B-GPE"], ["B-PERSON", "I-PERSON", "O", "B-ORG"]),
            ([], []),
            (["O", "O"], ["O", "O"]),
            (["I-GPE", "O"], ["B-GPE", "O"]));

        // GPE: gold [3,4) in sentence 1 and [0,1) in sentence 4 (I- at start), predicted only the latter:
        // P 1/1, R 1/2, F 2*1*0.5/1.5 = 2/3. ORG: one spurious, no gold: 0/0/0, support 0. PERSON: 1/1/1.
        AssertScore(report.Classes["GPE"], 1, 0.5, 2.0 / 3, 2);
        AssertScore(report.Classes["ORG"], 0, 0, 0, 0);
        AssertScore(report.Classes["PERSON"], 1, 1, 1, 1);
        // Micro: 2 correct of 3 predicted and 3 gold.
        AssertScore(report.Micro, 2.0 / 3, 2.0 / 3, 2.0 / 3, 3);
        // Macro over GPE, ORG, PERSON: P (1+0+1)/3, R (0.5+0+1)/3, F (2/3+0+1)/3 = 5/9.
        AssertScore(report.Macro, 2.0 / 3, 0.5, 5.0 / 9, 3);
        // Weighted by support 2, 0, 1: P (2+0+1)/3, R (1+0+1)/3, F (4/3+0+1)/3 = 7/9.
        AssertScore(report.Weighted, 1, 2.0 / 3, 7.0 / 9, 3);
    }

    [Fact]
    public void FormatTable_TwoClasses_MatchesSeqevalLayout()
    {
        var report = Score(
            (["B-PERSON", "I-PERSON", "O", "B-GPE"], ["B-PERSON", "I-PERSON", "O", "B-ORG"]),
            (["I-GPE", "O"], ["B-GPE", "O"]));

        // Name column 12 wide ("weighted avg"), then " " and four " {:>9}" columns; '\n' line ends.
        const string expected =
            "              precision    recall  f1-score   support\n" +
            "\n" +
            "         GPE     1.0000    0.5000    0.6667         2\n" +
            "         ORG     0.0000    0.0000    0.0000         0\n" +
            "      PERSON     1.0000    1.0000    1.0000         1\n" +
            "\n" +
            "   micro avg     0.6667    0.6667    0.6667         3\n" +
            "   macro avg     0.6667    0.5000    0.5556         3\n" +
            "weighted avg     1.0000    0.6667    0.7778         3\n";
        Assert.Equal(expected, report.FormatTable());
    }

    [Fact]
    public void FormatTable_ClassNameWiderThanAverages_WidensNameColumn()
    {
        var report = Score((["B-NATIONALITY_LONG"], ["B-NATIONALITY_LONG"]));

        var lines = report.FormatTable().Split('\n');

        Assert.Equal("NATIONALITY_LONG     1.0000    1.0000    1.0000         1", lines[2]);
        Assert.Equal("       micro avg     1.0000    1.0000    1.0000         1", lines[4]);
    }

    [Fact]
    public void FormatTable_ExactTie_RoundsHalfToEvenAsPython()
    {
        // 32 one-word PER predictions, one of them the gold entity: P = 1/32 = 0.03125 exactly, which Python's
        // '{:.4f}' prints as 0.0312 (ties to even); F1 = 2 * (1/32) / (33/32) = 2/33 = 0.0606.
        string[] gold = ["B-PER", .. Enumerable.Repeat("O", 31)];
        var report = Score((gold, Enumerable.Repeat("B-PER", 32).ToArray()));

        Assert.Equal("         PER     0.0312    1.0000    0.0606         1", report.FormatTable().Split('\n')[2]);
    }

    [Fact]
    public void FormatTable_NoEntities_ShowsZeroAverages()
    {
        var report = Score((["O"], ["O"]));

        Assert.Equal(
            "              precision    recall  f1-score   support\n\n\n" +
            "   micro avg     0.0000    0.0000    0.0000         0\n" +
            "   macro avg     0.0000    0.0000    0.0000         0\n" +
            "weighted avg     0.0000    0.0000    0.0000         0\n",
            report.FormatTable());
    }

    [Fact]
    public void ToJson_Report_UsesLowercaseMemberNamesAndFractions()
    {
        var report = Score((["B-PERSON", "O", "B-GPE"], ["B-PERSON", "O", "O"]));

        using var json = JsonDocument.Parse(report.ToJson());

        var root = json.RootElement;
        Assert.Equal(["micro", "macro", "weighted", "classes"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["precision", "recall", "f1", "support"], root.GetProperty("micro").EnumerateObject().Select(p => p.Name));
        // 1 correct of 1 predicted and 2 gold: P 1, R 0.5, F 2/3.
        Assert.Equal(0.5, root.GetProperty("micro").GetProperty("recall").GetDouble());
        Assert.Equal(["GPE", "PERSON"], root.GetProperty("classes").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("classes").GetProperty("GPE").GetProperty("support").GetInt32());
    }

    [Fact]
    public void Add_DifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => new EntityScorer().Add(["O", "B-GPE"], ["O"]));
    }

    private static EvaluationReport Score(params (string[] Gold, string[] Predicted)[] sentences)
    {
        var scorer = new EntityScorer();
        foreach (var (gold, predicted) in sentences)
        {
            scorer.Add(gold, predicted);
        }

        return scorer.Report();
    }

    private static void AssertScore(EntityScore score, double precision, double recall, double f1, int support)
    {
        Assert.Equal(precision, score.Precision, Precision);
        Assert.Equal(recall, score.Recall, Precision);
        Assert.Equal(f1, score.F1, Precision);
        Assert.Equal(support, score.Support);
    }
}
