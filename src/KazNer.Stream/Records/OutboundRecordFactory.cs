using System.Globalization;
using System.Text;
using Confluent.Kafka;
using KazNer.Stream.Pipeline;

namespace KazNer.Stream.Records;

/// <summary>Builds the records published for a document: its annotation, or its dead letter.</summary>
internal sealed class OutboundRecordFactory(string outputTopic, string deadLetterTopic)
{
    public OutboundRecord Annotation(SourceMessage source, byte[] value, string? traceParent, string? traceState)
    {
        ArgumentNullException.ThrowIfNull(source);
        var headers = CopyHeaders(source.Headers, static key => key is KazNerHeaders.TraceParent or KazNerHeaders.TraceState);
        Add(headers, KazNerHeaders.TraceParent, traceParent);
        Add(headers, KazNerHeaders.TraceState, traceState);
        return new OutboundRecord(outputTopic, source.Key, value, headers, IsDeadLetter: false);
    }

    public OutboundRecord DeadLetter(SourceMessage source, DeadLetterReason reason)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(reason);
        var headers = CopyHeaders(source.Headers, static _ => false);
        Add(headers, KazNerHeaders.Error, reason.Error);
        Add(headers, KazNerHeaders.Stage, reason.Stage);
        Add(headers, KazNerHeaders.ErrorDetail, reason.Detail);
        Add(headers, KazNerHeaders.Source, string.Create(
            CultureInfo.InvariantCulture, $"{source.Partition.Topic}/{source.Partition.Partition.Value}/{source.Offset}"));
        return new OutboundRecord(deadLetterTopic, source.Key, source.Value, headers, IsDeadLetter: true);
    }

    private static Headers CopyHeaders(Headers source, Func<string, bool> skip)
    {
        var headers = new Headers();
        foreach (var header in source)
        {
            if (!skip(header.Key))
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        return headers;
    }

    private static void Add(Headers headers, string key, string? value)
    {
        if (value is not null)
        {
            headers.Add(key, Encoding.UTF8.GetBytes(value));
        }
    }
}
