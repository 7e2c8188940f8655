using System.Text.Json;

namespace KazNer.Core.Evaluation;

/// <summary>
/// Entity scores per class and averaged, with seqeval's classification_report definitions: micro pools the
/// counts of all classes, macro is the unweighted mean over the classes seen in gold or predictions, weighted
/// is the mean weighted by gold support. Classes are ordered by name.
/// </summary>
public sealed record EvaluationReport(
    EntityScore Micro,
    EntityScore Macro,
    EntityScore Weighted,
    IReadOnlyDictionary<string, EntityScore> Classes)
{
    /// <summary>The text table of seqeval's <c>classification_report(digits=4)</c>, as on the model card.</summary>
    public string FormatTable() => ClassificationReportTable.Format(this, digits: 4);

    /// <summary>
    /// <c>{"micro": {...}, "macro": {...}, "weighted": {...}, "classes": {"PERSON": {...}}}</c>, each score as
    /// <c>precision</c>, <c>recall</c>, <c>f1</c> (fractions) and <c>support</c>.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(this, EvaluationJsonContext.Default.EvaluationReport);

    internal static EvaluationReport FromCounts(IReadOnlyDictionary<string, EntityCounts> counts)
    {
        var classes = new SortedDictionary<string, EntityScore>(StringComparer.Ordinal);
        var total = default(EntityCounts);
        foreach (var (type, typeCounts) in counts)
        {
            classes.Add(type, EntityScore.FromCounts(typeCounts));
            total += typeCounts;
        }

        var scores = classes.Values.ToArray();
        return new EvaluationReport(
            EntityScore.FromCounts(total),
            new EntityScore(Mean(scores, s => s.Precision), Mean(scores, s => s.Recall), Mean(scores, s => s.F1), total.Gold),
            new EntityScore(
                WeightedMean(scores, s => s.Precision), WeightedMean(scores, s => s.Recall), WeightedMean(scores, s => s.F1), total.Gold),
            classes);
    }

    private static double Mean(EntityScore[] scores, Func<EntityScore, double> metric) =>
        scores.Length == 0 ? 0 : scores.Sum(metric) / scores.Length;

    /// <summary>Classes seen only in predictions weigh nothing; with no gold entities at all the mean is 0.</summary>
    private static double WeightedMean(EntityScore[] scores, Func<EntityScore, double> metric)
    {
        var support = scores.Sum(s => s.Support);
        return support == 0 ? 0 : scores.Sum(s => metric(s) * s.Support) / support;
    }
}
