using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using KazNer.Core;
using KazNer.Stream.Pipeline;

namespace KazNer.Stream.Records;

/// <summary>
/// Writes the output value of schemas/annotated-record.v1.schema.json. Members are written in a fixed order and
/// <c>processedAt</c> is the input's Kafka timestamp, so the same input and model always give the same bytes.
/// </summary>
internal static class AnnotatedRecordWriter
{
    public const string SchemaId = "urn:kazner-stream:schema:annotated-record:v1";

    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        // Kazakh text stays readable in the output instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(InputDocument input, SourceMessage source, ModelInfo model, AnnotatedDocument annotated)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(annotated);

        var buffer = new ArrayBufferWriter<byte>(256 + (input.Text.Length / 2));
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("schema", SchemaId);
            json.WriteString("id", input.Id);
            WriteSource(json, source);
            WriteModel(json, model);
            json.WriteString("processedAt", ProcessedAt(source));
            WriteSentences(json, annotated.Sentences);
            WriteEntities(json, annotated.Entities);
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

    private static void WriteSentences(Utf8JsonWriter json, IReadOnlyList<TextSpan> sentences)
    {
        json.WriteStartArray("sentences");
        foreach (var sentence in sentences)
        {
            json.WriteStartObject();
            json.WriteNumber("start", sentence.Start);
            json.WriteNumber("end", sentence.End);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteEntities(Utf8JsonWriter json, IReadOnlyList<Entity> entities)
    {
        json.WriteStartArray("entities");
        foreach (var entity in entities)
        {
            json.WriteStartObject();
            json.WriteString("type", entity.Type);
            json.WriteString("text", entity.Text);
            json.WriteString("canonical", entity.Canonical);
            json.WriteString("key", entity.Key);
            json.WriteNumber("start", entity.Start);
            json.WriteNumber("end", entity.End);
            json.WriteNumber("score", ScoreRounding.Round(entity.Score));
            json.WriteNumber("sentence", entity.Sentence);
            json.WriteEndObject();
        }

        json.WriteEndArray();
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
