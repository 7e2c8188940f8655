using KazNer.Core;
using KazNer.Stream.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KazNer.Stream.Hosting;

/// <summary>
/// The worker's web host. Configuration sources, later winning: appsettings.json beside the executable,
/// KAZNER_ environment variables, one file per key in <see cref="DefaultSecretsDirectory"/>, command-line
/// <c>--Section:Key value</c> pairs, then <paramref name="overrides"/>.
/// </summary>
internal static class WorkerApplication
{
    public const string EnvironmentPrefix = "KAZNER_";

    /// <summary>
    /// Where a Kubernetes Secret volume puts credentials, one file per key (Kafka__SaslPassword is Kafka:SaslPassword),
    /// so they never sit in the pod's environment. The Helm chart mounts its Secrets here.
    /// </summary>
    public const string DefaultSecretsDirectory = "/etc/kazner/secrets";

    /// <summary>Names another secrets folder (tests, or a runtime that mounts Secrets elsewhere).</summary>
    public const string SecretsDirectoryVariable = "KAZNER_SECRETS_DIRECTORY";

    /// <summary>
    /// The sources after appsettings, later winning, for the worker and for every command that talks to Kafka, so
    /// that credentials reach them all alike: <c>KAZNER_</c> environment variables, the secret files, the arguments.
    /// </summary>
    public static IConfigurationBuilder AddSources(IConfigurationBuilder configuration, IEnumerable<string> arguments) => configuration
        .AddEnvironmentVariables(EnvironmentPrefix)
        .AddKeyPerFile(Environment.GetEnvironmentVariable(SecretsDirectoryVariable) ?? DefaultSecretsDirectory, optional: true)
        .AddCommandLine([.. arguments]);

    public static WebApplication Build(string[] configurationArgs, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        AddSources(builder.Configuration, configurationArgs);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        CheckSettings(builder.Configuration);

        // Logs go to stderr, so stdout carries only records (run --demo).
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        // The host logs a failed start with the exception's stack trace; `run` reports it as one line instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.AddKazNerWorker();
        var app = builder.Build();
        ValidateSettings(app.Services);
        // Loaded here rather than when the host starts, so a model or device problem is the caller's one line
        // instead of the host's "Hosting failed to start" log with a stack trace.
        _ = app.Services.GetRequiredService<INerEngine>();
        CreateKafkaClients(app.Services);
        app.MapKazNerEndpoints();
        return app;
    }

    /// <summary>
    /// Creates the consumer and the producer before the host starts, so a librdkafka property it refuses (a misspelt
    /// key under Kafka:Properties, a bad value) is one configuration line rather than the host's stack trace.
    /// </summary>
    private static void CreateKafkaClients(IServiceProvider services)
    {
        try
        {
            _ = services.GetRequiredService<Pipeline.IMessageSource>();
            _ = services.GetRequiredService<Pipeline.IRecordSink>();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new SettingsException([$"Kafka: librdkafka refused the configuration: {e.Message}"]);
        }
    }

    /// <summary>Fails with every setting that does not convert to its type, naming the key and the allowed values.</summary>
    private static void CheckSettings(IConfiguration configuration)
    {
        string[] problems =
        [
            .. SettingsCheck.Problems(configuration, KafkaOptions.SectionName, typeof(KafkaOptions)),
            .. SettingsCheck.Problems(configuration, PipelineOptions.SectionName, typeof(PipelineOptions)),
            .. SettingsCheck.Problems(configuration, HttpOptions.SectionName, typeof(HttpOptions)),
            .. SettingsCheck.Problems(configuration, NerEngineOptions.SectionName, typeof(NerEngineOptions)),
            .. EngineBatchSettings.Problems(configuration),
        ];
        if (problems.Length > 0)
        {
            throw new SettingsException(problems);
        }
    }

    /// <summary>Fails with every invalid setting before the model is loaded or any client is created.</summary>
    private static void ValidateSettings(IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<KafkaOptions>>().Value;
        _ = services.GetRequiredService<IOptions<PipelineOptions>>().Value;
        _ = services.GetRequiredService<IOptions<HttpOptions>>().Value;
        _ = services.GetRequiredService<IOptions<NerEngineOptions>>().Value;
    }
}
