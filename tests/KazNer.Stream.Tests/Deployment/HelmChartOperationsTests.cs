using System.Globalization;
using System.Text.RegularExpressions;

namespace KazNer.Stream.Tests.Deployment;

/// <summary>
/// What the chart does for the cluster's operators: disruption budget, CPU sizing and autoscaling, and the alert
/// rules it renders as a PrometheusRule, read from values.yaml and the templates as text (CI has no helm).
/// </summary>
public sealed partial class HelmChartOperationsTests
{
    [Fact]
    public void PodDisruptionBudget_LetsUnhealthyPodsGo_SoAKafkaOutageDoesNotBlockDrains()
    {
        var chart = HelmChart.Load();
        var pdb = HelmChart.Template("poddisruptionbudget.yaml");

        Assert.Equal("AlwaysAllow", chart.Scalar("podDisruptionBudget.unhealthyPodEvictionPolicy"));
        Assert.Contains(
            "{{- with .Values.podDisruptionBudget.unhealthyPodEvictionPolicy }}\n  unhealthyPodEvictionPolicy: {{ . }}",
            pdb,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Resources_LimitTheCpu_AndRequestWhatTheyLimit_SoTheHpaTargetIsAShareOfIt()
    {
        var chart = HelmChart.Load();

        // ProcessorCount, and with it the concurrent inference runs, follows the limit rounded up.
        var limit = Cpus(chart.Scalar("resources.limits.cpu"));
        var target = int.Parse(chart.Scalar("autoscaling.hpa.targetCPUUtilizationPercentage")!, CultureInfo.InvariantCulture);

        Assert.InRange(limit, 1, 8);
        Assert.Equal(limit, Cpus(chart.Scalar("resources.requests.cpu")));
        Assert.InRange(target, 50, 90);
        Assert.Equal("0", chart.Scalar("model.concurrentRuns"));
    }

    [Fact]
    public void PrometheusRule_IsOff_AndRendersTheRuleFileComposeLoads()
    {
        var chart = HelmChart.Load();
        var template = HelmChart.Template("prometheusrule.yaml");
        var compose = RepositoryFiles.Read("deploy/docker-compose.yml");

        Assert.Equal("false", chart.Scalar("prometheusRule.enabled"));
        Assert.StartsWith("{{- if .Values.prometheusRule.enabled }}", template, StringComparison.Ordinal);
        var file = Assert.Single(FilesGet().Matches(template)).Groups[1].Value;
        Assert.Equal(MonitoringQueries.AlertRulesPath, $"{HelmChart.ChartDirectory}/{file}");
        Assert.Contains($"../{MonitoringQueries.AlertRulesPath}:/etc/prometheus/alerts.yml:ro", compose, StringComparison.Ordinal);
        Assert.Contains("{{- with .Values.prometheusRule.labels }}", template, StringComparison.Ordinal);
    }

    [Fact]
    public void PrometheusRule_ScopesEverySelectorOfEveryAlert_ToTheRelease()
    {
        var scoped = Replaced().Matches(HelmChart.Template("prometheusrule.yaml"))
            .Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal))
            .ToList();
        var rules = RepositoryFiles.Read(MonitoringQueries.AlertRulesPath);

        Assert.Equal(3, scoped.Count);
        Assert.All(scoped, literal => Assert.Contains(literal, rules, StringComparison.Ordinal));
        // A selector that no replacement reaches would watch every release in the cluster.
        var unscoped = MonitoringQueries.AlertQueries()
            .SelectMany(q => MonitoringQueries.MetricNames(
                Selector().Replace(q.Expr, m => scoped.Any(s => m.Value.Contains(s, StringComparison.Ordinal)) ? " " : m.Value))
                .Select(name => $"{q.Source}: {name}"));
        Assert.Empty(unscoped);
    }

    private static double Cpus(string? quantity) => quantity switch
    {
        null => 0,
        _ when quantity.EndsWith('m') => Math.Ceiling(double.Parse(quantity[..^1], CultureInfo.InvariantCulture) / 1000),
        _ => Math.Ceiling(double.Parse(quantity, CultureInfo.InvariantCulture)),
    };

    [GeneratedRegex("\\.Files\\.Get \"([^\"]+)\"")]
    private static partial Regex FilesGet();

    // replace "old" (...): the literal a replacement looks for, with \" for a quote.
    [GeneratedRegex("replace \"((?:[^\"\\\\]|\\\\.)*)\" \\(")]
    private static partial Regex Replaced();

    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*\s*\{[^}]*\}")]
    private static partial Regex Selector();
}
