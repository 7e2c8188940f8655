using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace KazNer.Stream.Tests.Deployment;

/// <summary>One KAZNER_ variable the Deployment template sets, and the values.yaml key it comes from, if any.</summary>
internal sealed record ChartEnvVar(string Name, string? ValuesPath)
{
    private const string Prefix = "KAZNER_";

    /// <summary>A name ending in "__" is the prefix of a map (KAZNER_Kafka__Properties__&lt;key&gt;).</summary>
    public bool IsMapPrefix => Name.EndsWith("__", StringComparison.Ordinal);

    /// <summary>The configuration key the .NET environment-variable provider makes of the name.</summary>
    public string ConfigurationKey => Name[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal).TrimEnd(':');
}

/// <summary>
/// The chart as the tests see it without a helm binary: values.yaml parsed as YAML, and the
/// Deployment template and its helpers read as text for the KAZNER_ names and secret files they set.
/// </summary>
internal sealed partial class HelmChart
{
    public const string ChartDirectory = "helm/kazner-stream";

    private HelmChart(YamlMappingNode values, string deploymentTemplate, string helpers)
    {
        Values = values;
        DeploymentTemplate = deploymentTemplate;
        Helpers = helpers;
    }

    public YamlMappingNode Values { get; }

    public string DeploymentTemplate { get; }

    public string Helpers { get; }

    public static HelmChart Load()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(RepositoryFiles.Read($"{ChartDirectory}/values.yaml")));
        var values = (YamlMappingNode)stream.Documents[0].RootNode;
        return new HelmChart(
            values,
            RepositoryFiles.Read($"{ChartDirectory}/templates/deployment.yaml"),
            RepositoryFiles.Read($"{ChartDirectory}/templates/_helpers.tpl"));
    }

    public static string Template(string name) => RepositoryFiles.Read($"{ChartDirectory}/templates/{name}");

    /// <summary>
    /// The configuration keys the worker reads from the secret files the chart mounts (one file per key,
    /// "__" for ":", as the key-per-file provider reads them).
    /// </summary>
    public IReadOnlyList<string> SecretFileKeys() =>
        [.. SecretFilePath().Matches(Helpers).Select(m => m.Groups[1].Value.Replace("__", ":", StringComparison.Ordinal))];

    /// <summary>Every KAZNER_ name in the template, with its values.yaml key where the template maps one directly.</summary>
    public IReadOnlyList<ChartEnvVar> EnvVars()
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in ValuesMapping().Matches(DeploymentTemplate))
        {
            paths[m.Groups["name"].Value] = m.Groups["path"].Value;
        }

        return [.. EnvName().Matches(DeploymentTemplate)
            .Select(m => m.Value)
            .Distinct(StringComparer.Ordinal)
            .Select(name => new ChartEnvVar(name, paths.GetValueOrDefault(name)))];
    }

    /// <summary>The scalar at a dotted values.yaml path; null when the key is absent or has no value.</summary>
    public string? Scalar(string dottedPath) => Node(dottedPath) is YamlScalarNode { Value: { Length: > 0 } v } ? v : null;

    public YamlNode? Node(string dottedPath)
    {
        YamlNode? node = Values;
        foreach (var part in dottedPath.Split('.'))
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(part), out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Dotted paths of every scalar under a values.yaml key (maps descended, lists and empty maps kept whole).</summary>
    public IEnumerable<string> LeafPaths(string dottedPath) => Leaves(Node(dottedPath), dottedPath);

    private static IEnumerable<string> Leaves(YamlNode? node, string path) => node switch
    {
        YamlMappingNode { Children.Count: > 0 } map => map.Children.SelectMany(
            child => Leaves(child.Value, $"{path}.{((YamlScalarNode)child.Key).Value}")),
        null => [],
        _ => [path],
    };

    [GeneratedRegex(@"\n\s+path: (Kafka__[A-Za-z0-9_.]+)")]
    private static partial Regex SecretFilePath();

    [GeneratedRegex(@"KAZNER_[A-Za-z0-9_.]+")]
    private static partial Regex EnvName();

    // include "kazner-stream.envVar" (list "KAZNER_X__Y" .Values.x.y), the value optionally wrapped in (required "..." ...).
    [GeneratedRegex("\"(?<name>KAZNER_[A-Za-z0-9_.]+)\"\\s+(?:\\(required\\s+\"[^\"]*\"\\s+)?\\.Values\\.(?<path>[A-Za-z0-9_.]+)")]
    private static partial Regex ValuesMapping();
}
