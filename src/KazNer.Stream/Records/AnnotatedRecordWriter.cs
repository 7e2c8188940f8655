using System.Buffers;
using System.Globalization;
using System.Text.Json;
using KazNer.Core;
using KazNer.Stream.Configuration;
using KazNer.Stream.Pipeline;

namespace KazNer.Stream.Records;

/// <summary>
/// Writes the output value of schemas/annotated-record.v1.schema.json. Members are written in a fixed order and
/// <c>processedAt</c> is the input's Kafka timestamp, so the same input and model always give the same bytes.
/// </summary>
internal sealed class AnnotatedRecordWriter(OffsetUnit offsetUnit = OffsetUnit.Utf16)
{
    public const string SchemaId = "urn:kazner-stream:schema:annotated-record:v1";

    /// <summary>The <c>offsetUnit</c> value of records whose offsets count code points; absent means UTF-16.</summary>
    public const string CodePointUnit = "codepoint";

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
            WriteSource(json, source);
            WriteModel(json, model);
            json.WriteString("processedAt", ProcessedAt(source));
            if (offsetUnit == OffsetUnit.CodePoint)
            {
                json.WriteString("offsetUnit", CodePointUnit);
            }

            AnnotationJson.WriteSentences(json, annotated.Sentences, offsets);
            AnnotationJson.WriteEntities(json, annotated.Entities, offsets);
            WriteFields(json, input.Fields);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The input's Kafka timestamp (UTC, milliseconds): deterministic, unlike the wall clock.</summary>
    internal static string ProcessedAt(SourceMessage source) =>
        source.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    internal static void WriteModel(Utf8JsonWriter json, ModelInfo model)
    {
        json.WriteStartObject("model");
        json.WriteString("name", model.Name);
        json.WriteString("version", model.Version);
        json.WriteEndObject();
    }

    internal static void WriteSource(Utf8JsonWriter json, SourceMessage source)
    {
        json.WriteStartObject("source");
        json.WriteString("topic", source.Partition.Topic);
        json.WriteNumber("partition", source.Partition.Partition.Value);
        json.WriteNumber("offset", source.Offset);
        json.WriteEndObject();
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
