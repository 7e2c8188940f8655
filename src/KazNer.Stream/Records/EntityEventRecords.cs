using System.Text;
using Confluent.Kafka;
using KazNer.Core;
using KazNer.Stream.Configuration;

namespace KazNer.Stream.Records;

/// <summary>
/// The per-entity records of a document for <c>Kafka:EntityTopic</c>: one per mention, keyed by the entity key so
/// that a compacted or partitioned consumer sees every mention of one entity together. None when the topic is unset.
/// </summary>
internal sealed class EntityEventRecords(string? entityTopic, OffsetUnit offsetUnit = OffsetUnit.Utf16)
{
    public bool Enabled => !string.IsNullOrWhiteSpace(entityTopic);

    public IEnumerable<OutboundRecord> For(
        InputDocument input, SourceMessage source, ModelInfo model, AnnotatedDocument annotated, string? traceParent, string? traceState)
    {
        ArgumentNullException.ThrowIfNull(annotated);
        if (!Enabled)
        {
            yield break;
        }

        var offsets = TextOffsets.For(input.Text, offsetUnit);
        for (var i = 0; i < annotated.Entities.Count; i++)
        {
            var entity = annotated.Entities[i];
            var headers = new Headers();
            Add(headers, KazNerHeaders.TraceParent, traceParent);
            Add(headers, KazNerHeaders.TraceState, traceState);
            yield return new OutboundRecord(
                entityTopic!, Encoding.UTF8.GetBytes(entity.Key), EntityEventWriter.Write(input, source, model, entity, i, offsets), headers, IsDeadLetter: false);
        }
    }

    private static void Add(Headers headers, string key, string? value)
    {
        if (value is not null)
        {
            headers.Add(key, Encoding.UTF8.GetBytes(value));
        }
    }
}
