using System.Globalization;

namespace KazNer.Bench;

/// <summary>The worker's batch padding from its own Prometheus endpoint: the mean of kazner.batch.padding_ratio.</summary>
internal static class WorkerMetrics
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static async Task<(double Sum, double Count)> PaddingAsync(int port)
    {
        var text = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")).ConfigureAwait(false);
        double Value(string name) => text.Split('\n')
            .Where(l => l.StartsWith(name, StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .Sum();
        return (Value("kazner_batch_padding_ratio_sum"), Value("kazner_batch_padding_ratio_count"));
    }

    /// <summary>Mean padding ratio of the batches run between two readings.</summary>
    public static double Mean((double Sum, double Count) before, (double Sum, double Count) after) =>
        (after.Sum - before.Sum) / Math.Max(1, after.Count - before.Count);
}
