using System.Buffers;
using System.Text.Json;
using KazNer.Core;

namespace KazNer.Stream.Records;

/// <summary>
/// Writes the value of schemas/entity-event.v1.schema.json: one entity mention with its document's coordinates.
/// Deterministic like the document record (same members in the same order, <c>processedAt</c> from the input).
/// </summary>
internal static class EntityEventWriter
{
    public const string SchemaId = "urn:kazner-stream:schema:entity-event:v1";

    public static byte[] Write(InputDocument input, SourceMessage source, ModelInfo model, Entity entity, int index, TextOffsets offsets)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(entity);
        var buffer = new ArrayBufferWriter<byte>(384);
        using (var json = new Utf8JsonWriter(buffer, AnnotationJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("schema", SchemaId);
            json.WriteString("key", entity.Key);
            json.WriteString("documentId", input.Id);
            json.WriteNumber("index", index);
            AnnotationJson.WriteProvenance(json, source, model, offsets);
            json.WriteString("type", entity.Type);
            json.WriteString("text", entity.Text);
            json.WriteString("canonical", entity.Canonical);
            json.WriteNumber("start", offsets.Map(entity.Start));
            json.WriteNumber("end", offsets.Map(entity.End));
            json.WriteNumber("score", ScoreRounding.Round(entity.Score));
            json.WriteNumber("sentence", entity.Sentence);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
