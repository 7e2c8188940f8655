using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace KazNer.Stream.Tests.Deployment;

/// <summary>
/// The PromQL of the Grafana dashboard and the alert rules and the metric names it reads, to hold against
/// what the worker exports: docs/metrics.md here, a live /metrics scrape in the integration tests
/// (<see cref="ExportedNames"/> parses one). Names outside the worker's kazner_ prefix come from other
/// exporters (Prometheus' up, kube-state-metrics, a group-lag exporter).
/// </summary>
internal static partial class MonitoringQueries
{
    public const string DashboardPath = "deploy/monitoring/grafana-dashboard.json";
    public const string AlertRulesPath = "helm/kazner-stream/files/alerts.yml";
    public const string AlertTestsPath = "deploy/monitoring/alerts.test.yml";
    private const string WorkerPrefix = "kazner_";

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "and", "or", "unless", "inf", "nan",
    };

    private static readonly string[] HistogramSuffixes = ["_bucket", "_sum", "_count"];

    /// <summary>Every query, labelled with where it comes from.</summary>
    public static IReadOnlyList<(string Source, string Expr)> All() => [.. DashboardQueries(), .. AlertQueries()];

    public static IEnumerable<(string Source, string Expr)> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(RepositoryFiles.Read(DashboardPath));
        var queries = new List<(string, string)>();
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            if (!panel.TryGetProperty("targets", out var targets))
            {
                continue;
            }

            foreach (var target in targets.EnumerateArray())
            {
                if (target.TryGetProperty("expr", out var expr))
                {
                    queries.Add(($"dashboard panel '{panel.GetProperty("title").GetString()}'", expr.GetString() ?? ""));
                }
            }
        }

        return queries;
    }

    public static IEnumerable<(string Source, string Expr)> AlertQueries()
    {
        var root = LoadYaml(AlertRulesPath);
        foreach (var group in ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>())
        {
            foreach (var rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            {
                yield return ($"alert {rule["alert"]}", ((YamlScalarNode)rule["expr"]).Value ?? "");
            }
        }
    }

    public static YamlMappingNode LoadYaml(string relativePath)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(RepositoryFiles.Read(relativePath)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    /// <summary>The names of <see cref="MetricNames"/> that the worker itself exports.</summary>
    public static IEnumerable<string> WorkerMetricNames(string expr) =>
        MetricNames(expr).Where(name => name.StartsWith(WorkerPrefix, StringComparison.Ordinal));

    /// <summary>The metric names a PromQL expression selects (functions, keywords, labels and durations left out).</summary>
    public static IReadOnlySet<string> MetricNames(string expr)
    {
        var text = GrafanaVariable().Replace(expr, " ");
        text = StringLiteral().Replace(text, " ");
        text = LabelMatchers().Replace(text, " ");
        text = RangeOrSubquery().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        text = NumberLiteral().Replace(text, " ");
        return Identifier().Matches(text)
            .Where(m => !Keywords.Contains(m.Value) && !IsFunctionCall(text, m))
            .Select(m => m.Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// True when the worker exports the series. A histogram counts as exported whether the list names its
    /// family (x) or one of its series (x_bucket, x_sum, x_count).
    /// </summary>
    public static bool IsExported(string metric, IReadOnlySet<string> exported) =>
        exported.Contains(metric) || exported.Any(name => HistogramFamily(name) == HistogramFamily(metric));

    private static string HistogramFamily(string name) =>
        HistogramSuffixes.FirstOrDefault(s => name.EndsWith(s, StringComparison.Ordinal)) is { } suffix ? name[..^suffix.Length] : name;

    /// <summary>Metric names in docs/metrics.md: every `backticked` Prometheus name.</summary>
    public static IReadOnlySet<string> DocumentedNames(string markdown) =>
        BacktickedMetricName().Matches(markdown).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Metric and family names in a Prometheus text exposition, as a live /metrics returns it.</summary>
    public static IReadOnlySet<string> ExportedNames(string exposition)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = ExpositionName().Match(line);
            if (m.Success)
            {
                names.Add(m.Groups["name"].Value);
            }
        }

        return names;
    }

    private static bool IsFunctionCall(string text, Match m)
    {
        var next = m.Index + m.Length;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        return next < text.Length && text[next] == '(';
    }

    [GeneratedRegex(@"\$\{?\w+(?::\w+)?\}?")]
    private static partial Regex GrafanaVariable();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeOrSubquery();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w:])\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")]
    private static partial Regex NumberLiteral();

    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();

    // Prometheus names are lower case here; a backticked test or type name in the prose is not a metric.
    [GeneratedRegex(@"`([a-z_:][a-z0-9_:]*_[a-z0-9_:]*)`")]
    private static partial Regex BacktickedMetricName();

    // "# TYPE name kind", "# HELP name ...", or a sample "name{labels} value".
    [GeneratedRegex(@"^(?:#\s+(?:TYPE|HELP)\s+)?(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:[{\s]|$)")]
    private static partial Regex ExpositionName();
}
