namespace KazNer.Stream.Tests.Integration;

/// <summary>The Prometheus names docs/metrics.md promises, and a scraper for /metrics.</summary>
internal static class MetricNames
{
    public static readonly string[] Documented =
    [
        "kazner_documents_consumed_total",
        "kazner_documents_produced_total",
        "kazner_documents_dead_lettered_total",
        "kazner_sentences_total",
        "kazner_batch_size_bucket",
        "kazner_batch_padding_ratio_bucket",
        "kazner_inference_duration_seconds_bucket",
        "kazner_document_duration_seconds_bucket",
        "kazner_consumer_lag",
        "kazner_consumer_paused",
        "kazner_documents_in_flight",
    ];

    public static async Task<HashSet<string>> ScrapeAsync(HttpClient http)
    {
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);
        return [.. text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('{', ' ')[0])];
    }
}
