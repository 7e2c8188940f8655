using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using KazNer.Stream.Records;

namespace KazNer.Stream.Telemetry;

/// <summary>W3C trace context: a span per document, child of the input's traceparent header.</summary>
internal static class StreamActivities
{
    public const string SourceName = "KazNer.Stream";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartAnnotate(Headers headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var parent = Header(headers, KazNerHeaders.TraceParent);
        ActivityContext.TryParse(parent, Header(headers, KazNerHeaders.TraceState), out var context);
        return Source.StartActivity("kazner annotate", ActivityKind.Consumer, context);
    }

    public static string? Header(Headers headers, string key)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
    }
}
