using System.Globalization;

namespace KazNer.Stream.Records;

/// <summary>How every output of kazner writes a score: the record, the CLI's lines and its table.</summary>
internal static class ScoreRounding
{
    // Four decimals hide float noise between CPU kernels without losing anything a consumer uses, and keep
    // the worker's records and the CLI's output byte-comparable.
    public static double Round(float score) => Math.Round((double)score, 4);

    public static string Format(float score) => Round(score).ToString("0.0000", CultureInfo.InvariantCulture);
}
