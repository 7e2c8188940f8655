using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;

namespace KazNer.Stream.Records;

/// <summary>
/// Builds the records published for a document: its annotation, or its dead letter. A dead letter always fits
/// under <paramref name="maxRecordBytes"/> (the producer's <c>message.max.bytes</c>): where the original value
/// does not, its head is kept and headers give the original size, its SHA-256 and how many bytes were kept.
/// </summary>
internal sealed class OutboundRecordFactory(string outputTopic, string deadLetterTopic, int maxRecordBytes)
{
    public int MaxRecordBytes => maxRecordBytes;

    public OutboundRecord Annotation(SourceMessage source, byte[] value, string? traceParent, string? traceState)
    {
        ArgumentNullException.ThrowIfNull(source);
        var headers = CopyHeaders(source.Headers, static key => key is KazNerHeaders.TraceParent or KazNerHeaders.TraceState);
        Add(headers, KazNerHeaders.TraceParent, traceParent);
        Add(headers, KazNerHeaders.TraceState, traceState);
        return new OutboundRecord(outputTopic, source.Key, value, headers, IsDeadLetter: false);
    }

    /// <param name="withoutPayload">For a dead-letter topic that refused the record as too large: headers only.</param>
    public OutboundUnit DeadLetter(SourceMessage source, DeadLetterReason reason, bool withoutPayload = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(reason);
        // Without payload the input's own headers go too, so that what is left surely fits. A replay's mark stays:
        // the dead letter of a replayed record says which earlier dead letter failed again.
        var headers = CopyHeaders(source.Headers, withoutPayload ? static _ => true : static key => key.StartsWith("kazner-", StringComparison.Ordinal) && key != KazNerHeaders.ReplayedFrom);
        Add(headers, KazNerHeaders.Error, reason.Error);
        Add(headers, KazNerHeaders.Stage, reason.Stage);
        Add(headers, KazNerHeaders.ErrorDetail, reason.Detail);
        Add(headers, KazNerHeaders.Source, string.Create(
            CultureInfo.InvariantCulture, $"{source.Partition.Topic}/{source.Partition.Partition.Value}/{source.Offset}"));
        var key = withoutPayload && source.Key?.Length > maxRecordBytes / 2 ? null : source.Key;
        var letter = new OutboundRecord(deadLetterTopic, key, source.Value, headers, IsDeadLetter: true);
        if (!withoutPayload && letter.Bytes <= maxRecordBytes)
        {
            return OutboundUnit.DeadLettered(letter, reason);
        }

        // The cut headers themselves take room: reserve it before measuring what is left for the payload.
        Add(headers, KazNerHeaders.OriginalBytes, source.Value.Length.ToString(CultureInfo.InvariantCulture));
        Add(headers, KazNerHeaders.OriginalSha256, Convert.ToHexStringLower(SHA256.HashData(source.Value)));
        var room = withoutPayload ? 0 : maxRecordBytes - (letter with { Value = [] }).Bytes - 32;
        var kept = (int)Math.Clamp(room, 0, source.Value.Length);
        Add(headers, KazNerHeaders.KeptBytes, kept.ToString(CultureInfo.InvariantCulture));
        return OutboundUnit.DeadLettered(letter with { Value = source.Value[..kept] }, reason);
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
