namespace KazNer.Core.Evaluation;

/// <summary>Exact-match entity precision, recall and F1 (fractions in [0, 1]) and the number of gold entities.</summary>
public sealed record EntityScore(double Precision, double Recall, double F1, int Support)
{
    /// <summary>Undefined ratios (nothing predicted, nothing in gold) count as 0, as seqeval's default does.</summary>
    internal static EntityScore FromCounts(EntityCounts counts)
    {
        var precision = Ratio(counts.Correct, counts.Predicted);
        var recall = Ratio(counts.Correct, counts.Gold);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new EntityScore(precision, recall, f1, counts.Gold);
    }

    private static double Ratio(int numerator, int denominator) =>
        denominator == 0 ? 0 : (double)numerator / denominator;
}
