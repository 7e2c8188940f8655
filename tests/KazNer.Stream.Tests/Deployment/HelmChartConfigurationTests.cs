using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using KazNer.Core;
using KazNer.Stream.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using YamlDotNet.RepresentationModel;

namespace KazNer.Stream.Tests.Deployment;

/// <summary>
/// The chart can only be rendered by helm, which CI lacks; these tests hold its configuration to the
/// worker's instead: every KAZNER_ variable it sets binds to a real option, the result validates, and
/// its defaults are the worker's.
/// </summary>
public sealed class HelmChartConfigurationTests
{
    // Values a user must or may supply; everything else takes the chart's default.
    private static readonly Dictionary<string, string> SampleValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Kafka:BootstrapServers"] = "kafka-0.kafka:9092,kafka-1.kafka:9092",
        ["Kafka:InputTopic"] = "news",
        ["Kafka:OutputTopic"] = "news.annotated",
        ["Kafka:DeadLetterTopic"] = "news.dlq",
        ["Kafka:EntityTopic"] = "news.entities",
        ["Kafka:SecurityProtocol"] = "SaslSsl",
        ["Kafka:SaslMechanism"] = "ScramSha512",
        ["Kafka:SaslUsername"] = "kazner",
        ["Kafka:SaslPassword"] = "from-a-secret",
        ["Kafka:Properties:ssl.ca.location"] = "/etc/kazner/kafka-ca/ca.crt",
        ["Kafka:Properties:ssl.certificate.location"] = "/etc/kazner/kafka-client/tls.crt",
        ["Kafka:Properties:ssl.key.location"] = "/etc/kazner/kafka-client/tls.key",
        ["Kafka:Properties:ssl.key.password"] = "from-a-secret",
        ["Kafka:Properties:statistics.interval.ms"] = "5000",
        ["Kafka:Properties:sasl.oauthbearer.method"] = "oidc",
        ["Kafka:Properties:sasl.oauthbearer.token.endpoint.url"] = "https://idp.example.com/oauth2/token",
        ["Kafka:Properties:sasl.oauthbearer.scope"] = "kafka",
        ["Kafka:Properties:sasl.oauthbearer.extensions"] = "logicalCluster=lkc-1",
        ["Kafka:Properties:sasl.oauthbearer.client.id"] = "from-a-secret",
        ["Kafka:Properties:sasl.oauthbearer.client.secret"] = "from-a-secret",
    };

    // values.yaml keys under the configuration sections that shape the pod rather than name an option.
    private static readonly string[] ChartOnlyPrefixes = ["kafka.auth.", "kafka.tls.", "kafka.properties", "model.volume."];

    private static readonly string[] ConfigurationSections = ["kafka", "pipeline", "model", "http"];

    [Fact]
    public void DeploymentTemplate_SetsVariables_ForEveryConfigurationSection()
    {
        var sections = HelmChart.Load().EnvVars()
            .Select(v => v.ConfigurationKey.Split(':')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["Http", "Kafka", "Model", "Pipeline"], sections);
    }

    [Fact]
    public void DeploymentTemplate_EnvVarNames_BindToRealOptionsAndValidate()
    {
        var chart = HelmChart.Load();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ChartConfiguration(chart)).Build();

        // ErrorOnUnknownConfiguration makes a misspelt or removed key throw instead of vanishing.
        AssertValid(Bind<KafkaOptions>(configuration, KafkaOptions.SectionName), new KafkaOptionsValidator());
        AssertValid(Bind<PipelineOptions>(configuration, PipelineOptions.SectionName), new PipelineOptionsValidator());
        AssertValid(Bind<HttpOptions>(configuration, HttpOptions.SectionName), new HttpOptionsValidator());
        AssertValidDataAnnotations(Bind<NerEngineOptions>(configuration, NerEngineOptions.SectionName));
        Assert.Empty(configuration.GetChildren().Select(s => s.Key).Except(
            [KafkaOptions.SectionName, PipelineOptions.SectionName, HttpOptions.SectionName, NerEngineOptions.SectionName],
            StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void DeploymentTemplate_KafkaProperties_ReachTheOptionsMap()
    {
        var chart = HelmChart.Load();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ChartConfiguration(chart)).Build();

        var kafka = Bind<KafkaOptions>(configuration, KafkaOptions.SectionName);

        Assert.Contains(chart.EnvVars(), v => v.IsMapPrefix && v.ConfigurationKey == "Kafka:Properties");
        Assert.Equal("5000", kafka.Properties["statistics.interval.ms"]);
        Assert.Equal("/etc/kazner/kafka-ca/ca.crt", kafka.Properties["ssl.ca.location"]);
    }

    [Fact]
    public void Credentials_AreSecretFilesForRealOptions_NeverEnvironmentVariables()
    {
        var chart = HelmChart.Load();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ChartConfiguration(chart)).Build();

        var kafka = Bind<KafkaOptions>(configuration, KafkaOptions.SectionName);

        Assert.Equal(
            ["Kafka:Properties:sasl.oauthbearer.client.id", "Kafka:Properties:sasl.oauthbearer.client.secret",
             "Kafka:Properties:ssl.key.password", "Kafka:SaslPassword", "Kafka:SaslUsername"],
            chart.SecretFileKeys().Order(StringComparer.Ordinal));
        Assert.Equal("from-a-secret", kafka.SaslPassword);
        Assert.Equal("from-a-secret", kafka.Properties["sasl.oauthbearer.client.secret"]);
        Assert.DoesNotContain("secretKeyRef", chart.DeploymentTemplate, StringComparison.Ordinal);
        Assert.DoesNotContain(chart.EnvVars(), v => chart.SecretFileKeys().Contains(v.ConfigurationKey));
    }

    [Fact]
    public void ValuesYaml_ConfigurationKeys_AreAllWiredIntoTheTemplate()
    {
        var chart = HelmChart.Load();
        var mapped = chart.EnvVars().Select(v => v.ValuesPath).OfType<string>().ToHashSet(StringComparer.Ordinal);

        var unwired = ConfigurationSections
            .SelectMany(chart.LeafPaths)
            .Where(path => !mapped.Contains(path) && !ChartOnlyPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)));

        Assert.Empty(unwired);
    }

    [Fact]
    public void ValuesYaml_Defaults_EqualTheWorkerDefaults()
    {
        var chart = HelmChart.Load();
        var appSettings = new ConfigurationBuilder()
            .AddJsonFile(RepositoryFiles.PathOf("src/KazNer.Stream/appsettings.json"), optional: false)
            .Build();

        var mismatches = new List<string>();
        foreach (var variable in chart.EnvVars().Where(v => v.ValuesPath is not null))
        {
            // An empty chart value sets no variable, so the worker's default applies by construction.
            if (chart.Scalar(variable.ValuesPath!) is not { } chartDefault)
            {
                continue;
            }

            var workerDefault = appSettings[variable.ConfigurationKey] ?? OptionsDefault(variable.ConfigurationKey);
            if (!string.Equals(chartDefault, workerDefault, StringComparison.OrdinalIgnoreCase))
            {
                mismatches.Add($"{variable.ValuesPath}: chart '{chartDefault}', worker '{workerDefault}' ({variable.ConfigurationKey})");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void ValuesYaml_RequiredKafkaSettings_HaveNoDefault()
    {
        var chart = HelmChart.Load();

        Assert.All(["kafka.bootstrapServers", "kafka.inputTopic", "kafka.outputTopic"], path =>
        {
            Assert.Null(chart.Scalar(path));
            Assert.Contains($"\"{path} is required\"", chart.DeploymentTemplate, StringComparison.Ordinal);
        });
    }

    /// <summary>What the chart gives the worker: its KAZNER_ variables and its secret files, with sample values.</summary>
    private static Dictionary<string, string?> ChartConfiguration(HelmChart chart)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in chart.SecretFileKeys())
        {
            result[key] = SampleValues.GetValueOrDefault(key)
                ?? throw new InvalidOperationException($"No sample value for the secret file of {key}; add one to {nameof(SampleValues)}");
        }

        foreach (var variable in chart.EnvVars())
        {
            if (variable.IsMapPrefix)
            {
                var prefix = variable.ConfigurationKey;
                foreach (var (key, value) in SampleValues.Where(kv => kv.Key.StartsWith(prefix + ":", StringComparison.OrdinalIgnoreCase)))
                {
                    result[key] = value;
                }

                // librdkafka keys contain dots, so the map is read whole rather than by dotted path.
                if (chart.Node("kafka.properties") is YamlMappingNode properties)
                {
                    foreach (var (key, value) in properties.Children)
                    {
                        result[$"{prefix}:{key}"] = ((YamlScalarNode)value).Value;
                    }
                }

                continue;
            }

            var chartValue = variable.ValuesPath is null ? null : chart.Scalar(variable.ValuesPath);
            result[variable.ConfigurationKey] = chartValue ?? SampleValues.GetValueOrDefault(variable.ConfigurationKey)
                ?? throw new InvalidOperationException($"No sample value for {variable.Name}; add one to {nameof(SampleValues)}");
        }

        return result;
    }

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : class, new() =>
        configuration.GetSection(section).Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? new T();

    private static void AssertValid<T>(T options, IValidateOptions<T> validator)
        where T : class
    {
        var result = validator.Validate(Options.DefaultName, options);
        Assert.True(result.Succeeded, $"{typeof(T).Name}: {result.FailureMessage}");
    }

    private static void AssertValidDataAnnotations(object options)
    {
        // The engine registers its options with ValidateDataAnnotations, i.e. this.
        var errors = new List<ValidationResult>();
        var valid = Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true);
        Assert.True(valid, $"{options.GetType().Name}: {string.Join("; ", errors.Select(e => e.ErrorMessage))}");
    }

    /// <summary>The default an options class gives a key that appsettings.json leaves out.</summary>
    private static string? OptionsDefault(string configurationKey)
    {
        var parts = configurationKey.Split(':');
        object? instance = parts[0] switch
        {
            KafkaOptions.SectionName => new KafkaOptions(),
            PipelineOptions.SectionName => new PipelineOptions(),
            HttpOptions.SectionName => new HttpOptions(),
            NerEngineOptions.SectionName => new NerEngineOptions(),
            _ => null,
        };
        foreach (var part in parts.Skip(1))
        {
            instance = instance?.GetType()
                .GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?
                .GetValue(instance);
        }

        return Convert.ToString(instance, CultureInfo.InvariantCulture);
    }
}
