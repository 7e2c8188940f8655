namespace KazNer.Stream.Tests.Deployment;

/// <summary>
/// A dashboard panel or an alert over a metric the worker does not export shows nothing and never
/// fires, silently. These tests compare the queries with docs/metrics.md; the integration tests
/// compare them with a running worker's /metrics through <see cref="MonitoringQueries.ExportedNames"/>.
/// </summary>
public sealed class MonitoringQueriesTests
{
    [Fact]
    public void MetricNames_HistogramQuantileOverRate_ReturnsOnlyTheBucketSeries()
    {
        var names = MonitoringQueries.MetricNames(
            "histogram_quantile(0.95, sum by (le, topic) (rate(kazner_x_seconds_bucket{job=\"a\", le!=\"+Inf\"}[$__rate_interval])))");

        Assert.Equal(["kazner_x_seconds_bucket"], names);
    }

    [Fact]
    public void MetricNames_BinaryExpressionWithSubquery_ReturnsBothOperands()
    {
        var names = MonitoringQueries.MetricNames(
            "sum(rate(a_total[5m])) / clamp_min(sum(rate(b_total[5m])), 1e-9) > 0.05 and deriv(sum by (topic) (c)[15m:1m]) > 0");

        Assert.Equal(["a_total", "b_total", "c"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ExportedNames_PrometheusExposition_ReturnsFamiliesAndSeries()
    {
        const string exposition = """
            # HELP kazner_batch_sequences Sentences per batch
            # TYPE kazner_batch_sequences histogram
            kazner_batch_sequences_bucket{le="8"} 3
            kazner_consumer_lag{topic="news",partition="0"} 12
            # EOF
            """;

        var names = MonitoringQueries.ExportedNames(exposition);

        Assert.True(MonitoringQueries.IsExported("kazner_batch_sequences_count", names));
        Assert.True(MonitoringQueries.IsExported("kazner_consumer_lag", names));
        Assert.False(MonitoringQueries.IsExported("kazner_consumer_lag_total", names));
    }

    [Fact]
    public void DashboardAndAlerts_WorkerQueries_NameOnlyDocumentedMetrics()
    {
        var documented = MonitoringQueries.DocumentedNames(RepositoryFiles.Read("docs/metrics.md"));

        var unknown = MonitoringQueries.All()
            .SelectMany(q => MonitoringQueries.WorkerMetricNames(q.Expr).Select(name => (q.Source, name)))
            .Where(q => !MonitoringQueries.IsExported(q.name, documented))
            .Select(q => $"{q.Source}: {q.name}")
            .ToList();

        Assert.NotEmpty(documented);
        Assert.Empty(unknown);
    }

    [Fact]
    public void DashboardAndAlerts_EveryQuery_NamesAMetric()
    {
        Assert.All(MonitoringQueries.All(), q => Assert.NotEmpty(MonitoringQueries.MetricNames(q.Expr)));
    }
}
