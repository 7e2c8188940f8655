using System.Globalization;
using System.Text;

namespace KazNer.Core.Evaluation;

/// <summary>
/// Lays out a report exactly as seqeval's StringReporter: a right-aligned name column as wide as the longest
/// name (at least "weighted avg"), four 9-wide columns, a blank line after the header, after the classes and
/// at the end, and '\n' line ends.
/// </summary>
internal static class ClassificationReportTable
{
    private const int ColumnWidth = 9;

    public static string Format(EvaluationReport report, int digits)
    {
        var width = Math.Max(report.Classes.Keys.Select(name => name.Length).DefaultIfEmpty(0).Max(), "weighted avg".Length);
        width = Math.Max(width, digits);
        var table = new StringBuilder();
        table.Append(new string(' ', width)).Append(' ');
        foreach (var header in new[] { "precision", "recall", "f1-score", "support" })
        {
            table.Append(' ').Append(header.PadLeft(ColumnWidth));
        }

        table.Append("\n\n");
        foreach (var (name, score) in report.Classes)
        {
            AppendRow(table, name, score, width, digits);
        }

        table.Append('\n');
        AppendRow(table, "micro avg", report.Micro, width, digits);
        AppendRow(table, "macro avg", report.Macro, width, digits);
        AppendRow(table, "weighted avg", report.Weighted, width, digits);
        return table.ToString();
    }

    private static void AppendRow(StringBuilder table, string name, EntityScore score, int width, int digits)
    {
        // Like Python's '{:.4f}', "F" rounds the exact binary value and a tie (0.03125) to even.
        var format = "F" + digits.ToString(CultureInfo.InvariantCulture);
        table.Append(name.PadLeft(width)).Append(' ');
        foreach (var value in new[] { score.Precision, score.Recall, score.F1 })
        {
            table.Append(' ').Append(value.ToString(format, CultureInfo.InvariantCulture).PadLeft(ColumnWidth));
        }

        table.Append(' ').Append(score.Support.ToString(CultureInfo.InvariantCulture).PadLeft(ColumnWidth)).Append('\n');
    }
}
