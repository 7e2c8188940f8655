using System.ComponentModel.DataAnnotations;
using KazNer.Stream.Configuration;
using KazNer.Stream.Hosting;
using Microsoft.Extensions.Configuration;

namespace KazNer.Stream.Cli;

/// <summary>
/// The Kafka settings of the commands that read or write topics besides <c>run</c> (<c>top</c>, <c>dlq</c>), from
/// the sources <c>run</c> reads, later winning: appsettings.json beside the executable (and
/// appsettings.{DOTNET_ENVIRONMENT}.json), then <see cref="WorkerApplication.AddSources"/> (<c>KAZNER_</c> environment
/// variables, the mounted secret files, <c>--Kafka:Key value</c> arguments), then the command's own shortcuts. So the
/// worker's SASL/TLS settings, credentials included, reach these clients too.
/// </summary>
internal static class KafkaToolSettings
{
    public const string DefaultBootstrapServers = "localhost:9092";

    /// <summary>Topics and the group are the worker's business: a tool that needs one asks for it by name.</summary>
    private static readonly HashSet<string> WorkerOnlyMembers =
        [nameof(KafkaOptions.InputTopic), nameof(KafkaOptions.OutputTopic), nameof(KafkaOptions.DeadLetterTopic), nameof(KafkaOptions.EntityTopic), nameof(KafkaOptions.GroupId)];

    /// <param name="arguments">The tokens the command did not recognise: only <c>--Kafka:Key value</c> pairs are allowed.</param>
    /// <param name="bootstrapServers">The <c>--bootstrap-servers</c> shortcut, over every source.</param>
    /// <exception cref="SettingsException">A setting that does not convert or is invalid, or an unknown argument.</exception>
    public static KafkaOptions Load(IReadOnlyList<string> arguments, string? bootstrapServers)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        CheckArguments(arguments);
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var configuration = WorkerApplication.AddSources(
            new ConfigurationBuilder()
                .SetBasePath(AppContext.BaseDirectory)
                .AddJsonFile("appsettings.json", optional: true)
                .AddJsonFile($"appsettings.{environment}.json", optional: true),
            arguments).Build();
        var problems = SettingsCheck.Problems(configuration, KafkaOptions.SectionName, typeof(KafkaOptions)).ToList();
        if (problems.Count > 0)
        {
            throw new SettingsException(problems);
        }

        var options = configuration.GetSection(KafkaOptions.SectionName).Get<KafkaOptions>() ?? new KafkaOptions();
        if (!string.IsNullOrWhiteSpace(bootstrapServers))
        {
            options.BootstrapServers = bootstrapServers;
        }
        else if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            options.BootstrapServers = DefaultBootstrapServers;
        }

        var invalid = new List<ValidationResult>();
        var context = new ValidationContext(options);
        if (!Validator.TryValidateObject(options, context, invalid, validateAllProperties: true))
        {
            // The validator skips the object's own rules once an attribute fails (an empty InputTopic, say).
            invalid.AddRange(options.Validate(context));
        }

        problems = [.. invalid
            .Where(r => !r.MemberNames.Any() || r.MemberNames.Any(m => !WorkerOnlyMembers.Contains(m)))
            .Select(r => $"{KafkaOptions.SectionName}:{r.MemberNames.FirstOrDefault()}: {r.ErrorMessage}")];
        return problems.Count > 0 ? throw new SettingsException(problems) : options;
    }

    /// <summary>Like <see cref="Load"/>, printing each problem as one <c>kazner: configuration:</c> line.</summary>
    public static bool TryLoad(IReadOnlyList<string> arguments, string? bootstrapServers, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out KafkaOptions? options)
    {
        try
        {
            options = Load(arguments, bootstrapServers);
            return true;
        }
        catch (SettingsException e)
        {
            foreach (var problem in e.Problems)
            {
                CliErrors.Fail($"configuration: {problem}", CliErrors.ConfigurationError);
            }

            options = null;
            return false;
        }
    }

    /// <summary>
    /// A misspelt option would otherwise pass as a configuration key nobody reads; settings of other sections
    /// (Pipeline, Model) mean nothing to these commands, so they are refused rather than silently ignored.
    /// </summary>
    private static void CheckArguments(IReadOnlyList<string> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var token = arguments[i];
            var isSetting = token.StartsWith($"--{KafkaOptions.SectionName}:", StringComparison.OrdinalIgnoreCase);
            if (!isSetting)
            {
                throw new SettingsException([$"unrecognized argument '{token}': only --bootstrap-servers and --Kafka:Key value settings configure the client"]);
            }

            if (!token.Contains('=', StringComparison.Ordinal) && i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                i++;
            }
        }
    }
}
