using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KazNer.Stream.Telemetry;

/// <summary>
/// Spans leave the pod by OTLP when, and only when, the standard variables ask for it: OTEL_EXPORTER_OTLP_ENDPOINT
/// or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (with OTEL_EXPORTER_OTLP_PROTOCOL, _HEADERS, _TIMEOUT and the OTEL_BSP_*
/// batch settings, all read by the exporter itself). Without an endpoint no exporter runs and nothing is sent.
/// </summary>
internal static class TraceExport
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string TracesEndpointVariable = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";

    /// <summary>service.name when OTEL_SERVICE_NAME does not say (the SDK's own default is unknown_service:kazner).</summary>
    public const string DefaultServiceName = "kazner-stream";

    public static bool IsConfigured =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EndpointVariable))
        || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TracesEndpointVariable));

    public static TracerProviderBuilder AddOtlpExporterWhenConfigured(this TracerProviderBuilder tracing) =>
        IsConfigured ? tracing.AddOtlpExporter() : tracing;

    /// <summary>
    /// The default service name, added only when neither OTEL_SERVICE_NAME nor OTEL_RESOURCE_ATTRIBUTES names one: a name added here would win over the
    /// variable, which the SDK reads into the same resource.
    /// </summary>
    public static void DefaultService(ResourceBuilder resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var attributes = Environment.GetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES") ?? "";
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ServiceNameVariable))
            && !attributes.Split(',').Any(a => a.Trim().StartsWith("service.name=", StringComparison.Ordinal)))
        {
            resource.AddService(DefaultServiceName);
        }
    }
}
