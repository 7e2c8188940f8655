using System.Buffers;
using System.Text.Json;
using KazNer.Core;
using KazNer.Stream.Configuration;

namespace KazNer.Stream.Records;

/// <summary>
/// Writes the output value of schemas/annotated-record.v1.schema.json. Members are written in a fixed order and
/// <c>processedAt</c> is the input's Kafka timestamp, so the same input and model always give the same bytes.
/// </summary>
internal sealed class AnnotatedRecordWriter(OffsetUnit offsetUnit = OffsetUnit.Utf16)
{
    public const string SchemaId = "urn:kazner-stream:schema:annotated-record:v1";

    public byte[] Write(InputDocument input, SourceMessage source, ModelInfo model, AnnotatedDocument annotated)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(annotated);

        var offsets = TextOffsets.For(input.Text, offsetUnit);
        var buffer = new ArrayBufferWriter<byte>(256 + (input.Text.Length / 2));
        using (var json = new Utf8JsonWriter(buffer, AnnotationJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("schema", SchemaId);
            json.WriteString("id", input.Id);
            AnnotationJson.WriteProvenance(json, source, model, offsets);
            AnnotationJson.WriteSentences(json, annotated.Sentences, offsets);
            AnnotationJson.WriteEntities(json, annotated.Entities, offsets);
            WriteFields(json, input.Fields);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteFields(Utf8JsonWriter json, IReadOnlyList<CarriedField> fields)
    {
        json.WriteStartObject("fields");
        foreach (var field in fields)
        {
            json.WritePropertyName(field.Name);
            json.WriteRawValue(field.RawJson, skipInputValidation: true);
        }

        json.WriteEndObject();
    }
}
