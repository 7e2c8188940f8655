using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace KazNer.Stream.Tests.Deployment;

/// <summary>
/// The alert rules' shape and their promtool tests' reach. promtool itself (CI, .ci/run) evaluates the rules;
/// these tests check that it is asked about every rule, and that what an alert tells the operator is complete.
/// </summary>
public sealed partial class AlertRulesTests
{
    [Fact]
    public void PromtoolTests_LoadTheRuleFile_AndExpectEveryAlertToFire()
    {
        var tests = MonitoringQueries.LoadYaml(MonitoringQueries.AlertTestsPath);
        var ruleFile = Assert.Single((YamlSequenceNode)tests["rule_files"]).ToString();
        var testsFolder = Path.GetDirectoryName(RepositoryFiles.PathOf(MonitoringQueries.AlertTestsPath))!;

        var firing = ((YamlSequenceNode)tests["tests"]).Cast<YamlMappingNode>()
            .SelectMany(test => (YamlSequenceNode)test["promql_expr_test"])
            .Cast<YamlMappingNode>()
            .SelectMany(check => check.Children.TryGetValue("exp_samples", out var samples) ? (YamlSequenceNode)samples : [])
            .Select(sample => ((YamlScalarNode)((YamlMappingNode)sample)["labels"]).Value ?? "")
            .Where(labels => labels.Contains("alertstate=\"firing\"", StringComparison.Ordinal))
            .Select(labels => AlertName().Match(labels).Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

        var neverFiring = Rules().Select(r => r.Name).Where(name => !firing.Contains(name)).ToList();

        Assert.Equal(RepositoryFiles.PathOf(MonitoringQueries.AlertRulesPath), Path.GetFullPath(Path.Combine(testsFolder, ruleFile)));
        Assert.Empty(neverFiring);
    }

    [Fact]
    public void EveryAlert_HasASeveritySummaryAndRunbook()
    {
        Assert.All(Rules(), rule =>
        {
            Assert.Contains(rule.Severity, (string[])["warning", "critical"]);
            Assert.False(string.IsNullOrWhiteSpace(rule.Summary), $"{rule.Name}: no summary");
            Assert.Contains("Runbook:", rule.Description, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Alerts_OverOtherExporters_NameMetricsTheDeployGuideExplains()
    {
        var guide = RepositoryFiles.Read("docs/deploy.md");

        var foreign = MonitoringQueries.AlertQueries()
            .SelectMany(q => MonitoringQueries.MetricNames(q.Expr).Except(MonitoringQueries.WorkerMetricNames(q.Expr)))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var unexplained = foreign.Where(name => !guide.Contains($"`{name}`", StringComparison.Ordinal)).ToList();

        Assert.Contains("kafka_consumergroup_lag_sum", foreign);
        Assert.Empty(unexplained);
    }

    private static IEnumerable<(string Name, string? Severity, string? Summary, string Description)> Rules() =>
        ((YamlSequenceNode)MonitoringQueries.LoadYaml(MonitoringQueries.AlertRulesPath)["groups"]).Cast<YamlMappingNode>()
            .SelectMany(group => ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            .Select(rule => (
                rule["alert"].ToString(),
                Text(rule["labels"], "severity"),
                Text(rule["annotations"], "summary"),
                Text(rule["annotations"], "description") ?? ""));

    private static string? Text(YamlNode map, string key) =>
        ((YamlMappingNode)map).Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;

    [GeneratedRegex("alertname=\"(\\w+)\"")]
    private static partial Regex AlertName();
}
