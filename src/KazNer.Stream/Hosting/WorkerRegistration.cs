using KazNer.Core;
using KazNer.Stream.Configuration;
using KazNer.Stream.Kafka;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace KazNer.Stream.Hosting;

/// <summary>Registers the streaming worker: options, engine, pipeline, health and metrics.</summary>
internal static class WorkerRegistration
{
    private const string ReadyTag = "ready";
    private const string LiveTag = "live";

    public static IHostApplicationBuilder AddKazNerWorker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.SectionName).ValidateOnStart();
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.SectionName).ValidateOnStart();
        services.AddOptions<HttpOptions>().BindConfiguration(HttpOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        services.AddSingleton<IValidateOptions<PipelineOptions>, PipelineOptionsValidator>();
        services.AddSingleton<IValidateOptions<HttpOptions>, HttpOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<PipelineOptions>>(
            (host, pipeline) => host.ShutdownTimeout = TimeSpan.FromSeconds(pipeline.Value.DrainTimeoutSeconds + 10));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpOptions>>(
            (kestrel, http) => kestrel.ListenAnyIP(http.Value.Port));

        services.AddNerEngine(builder.Configuration.GetSection(NerEngineOptions.SectionName));
        services.AddOptions<NerEngineOptions>().PostConfigure<IOptions<PipelineOptions>>(
            (model, pipeline) => EngineBatchSettings.Apply(model, pipeline.Value));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WorkerOutcome>();
        services.AddSingleton(sp => new WorkerHealth(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<FlowControl>(), sp.GetRequiredService<IOptions<PipelineOptions>>().Value));
        services.AddSingleton<KafkaClientLog>();
        services.AddSingleton(sp => new FlowControl(sp.GetRequiredService<IOptions<PipelineOptions>>().Value));
        services.AddSingleton(sp => new StreamMetrics(
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<FlowControl>()));
        services.AddSingleton(sp => new InFlightLedger(sp.GetRequiredService<FlowControl>()));
        services.AddSingleton<OffsetCommitter>();
        services.AddSingleton<IMessageSource, KafkaMessageSource>();
        services.AddSingleton(CreateSink);
        services.AddSingleton(CreatePipeline);
        services.AddHostedService<StreamWorker>();

        services.AddHealthChecks()
            .AddCheck<ReadinessHealthCheck>("worker", tags: [ReadyTag])
            .AddCheck<LivenessHealthCheck>("alive", tags: [LiveTag]);
        services.AddOpenTelemetry()
            .ConfigureResource(TraceExport.DefaultService)
            .WithMetrics(metrics => metrics.AddMeter(StreamMetrics.MeterName).AddPrometheusExporter())
            .WithTracing(tracing => tracing.AddSource(StreamActivities.SourceName).AddOtlpExporterWhenConfigured());
        return builder;
    }

    public static WebApplication MapKazNerEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static IRecordSink CreateSink(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<KafkaOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<IRecordSink>();
        var time = services.GetRequiredService<TimeProvider>();
        var clientLog = services.GetRequiredService<KafkaClientLog>();
        if (options.Delivery == DeliveryMode.ExactlyOnce)
        {
            var source = services.GetRequiredService<IMessageSource>();
            return new TransactionalRecordSink(options, () => source.GroupMetadata, services.GetRequiredService<OffsetCommitter>(), clientLog, time, logger);
        }

        var resilience = ProduceResilience.Output(services.GetRequiredService<FlowControl>(), time, logger);
        return new KafkaRecordSink(options, resilience, clientLog, logger);
    }

    private static AnnotationPipeline CreatePipeline(IServiceProvider services)
    {
        var engine = services.GetRequiredService<INerEngine>();
        var health = services.GetRequiredService<WorkerHealth>();
        health.ModelLoaded = true;
        WorkerLog.ModelLoaded(services.GetRequiredService<ILogger<StreamWorker>>(), engine.Model.Name, engine.Model.Version, engine.Model.Device);
        return new AnnotationPipeline(
            services.GetRequiredService<IMessageSource>(),
            services.GetRequiredService<IRecordSink>(),
            services.GetRequiredService<OffsetCommitter>(),
            ProduceResilience.DeadLetters(
                services.GetRequiredService<FlowControl>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<DeadLetterPublisher>>()),
            engine,
            services.GetRequiredService<IOptions<KafkaOptions>>().Value,
            services.GetRequiredService<IOptions<PipelineOptions>>().Value,
            services.GetRequiredService<FlowControl>(),
            services.GetRequiredService<StreamMetrics>(),
            health,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>());
    }
}
