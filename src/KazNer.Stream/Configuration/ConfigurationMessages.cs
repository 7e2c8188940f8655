using System.Text.RegularExpressions;
using KazNer.Core;

namespace KazNer.Stream.Configuration;

/// <summary>Puts the section in front of a validation failure, so the line names the key as it is set.</summary>
internal static partial class ConfigurationMessages
{
    public static string Describe(Type options, string failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var section = SectionOf(options);
        if (section is null)
        {
            return failure;
        }

        // "Member: The KafkaOptions.Member field is required." -> "Kafka:Member is required ..."
        var required = RequiredFailure().Match(failure);
        if (required.Success)
        {
            var member = required.Groups["member"].Value;
            return $"{section}:{member} is required (appsettings.json, {Hosting.WorkerApplication.EnvironmentPrefix}{section}__{member}, or --{section}:{member})";
        }

        return $"{section}:{TypeName().Replace(failure, "")}";
    }

    [GeneratedRegex(@"^(?<member>\w+): The \w+\.\w+ field is required\.$")]
    private static partial Regex RequiredFailure();

    [GeneratedRegex(@"\b\w+Options\.")]
    private static partial Regex TypeName();

    private static string? SectionOf(Type options) =>
        options == typeof(KafkaOptions) ? KafkaOptions.SectionName
        : options == typeof(PipelineOptions) ? PipelineOptions.SectionName
        : options == typeof(HttpOptions) ? HttpOptions.SectionName
        : options == typeof(NerEngineOptions) ? NerEngineOptions.SectionName
        : null;
}
