using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using KazNer.Core;
using KazNer.Stream.Configuration;

namespace KazNer.Stream.Records;

/// <summary>
/// The members every JSON output shares (the worker's records and the CLI's lines): where the input came from,
/// sentences, entities and tokens, each written in one place with one offset and one score rule.
/// </summary>
internal static class AnnotationJson
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        // Kazakh text stays readable in the output instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The value of <c>offsetUnit</c> in records whose offsets count code points; absent means UTF-16.</summary>
    public const string CodePointUnit = "codepoint";

    /// <summary>
    /// <c>source</c>, <c>model</c>, <c>processedAt</c> (the input's Kafka timestamp, so the same input gives the
    /// same bytes) and, for code-point offsets, <c>offsetUnit</c>: what every Kafka record of ours says first.
    /// </summary>
    public static void WriteProvenance(Utf8JsonWriter json, SourceMessage source, ModelInfo model, TextOffsets offsets)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(offsets);
        json.WriteStartObject("source");
        json.WriteString("topic", source.Partition.Topic);
        json.WriteNumber("partition", source.Partition.Partition.Value);
        json.WriteNumber("offset", source.Offset);
        json.WriteEndObject();
        json.WriteStartObject("model");
        json.WriteString("name", model.Name);
        json.WriteString("version", model.Version);
        json.WriteEndObject();
        json.WriteString("processedAt", source.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        if (offsets.Unit == OffsetUnit.CodePoint)
        {
            json.WriteString("offsetUnit", CodePointUnit);
        }
    }

    public static void WriteSentences(Utf8JsonWriter json, IReadOnlyList<TextSpan> sentences, TextOffsets offsets)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sentences);
        json.WriteStartArray("sentences");
        foreach (var sentence in sentences)
        {
            json.WriteStartObject();
            WriteSpan(json, sentence.Start, sentence.End, offsets);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void WriteEntities(Utf8JsonWriter json, IReadOnlyList<Entity> entities, TextOffsets offsets)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(entities);
        json.WriteStartArray("entities");
        foreach (var entity in entities)
        {
            json.WriteStartObject();
            json.WriteString("type", entity.Type);
            json.WriteString("text", entity.Text);
            json.WriteString("canonical", entity.Canonical);
            json.WriteString("key", entity.Key);
            WriteSpan(json, entity.Start, entity.End, offsets);
            json.WriteNumber("score", ScoreRounding.Round(entity.Score));
            json.WriteNumber("sentence", entity.Sentence);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void WriteTokens(Utf8JsonWriter json, IReadOnlyList<TokenLabel> tokens, TextOffsets offsets)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(tokens);
        json.WriteStartArray("tokens");
        foreach (var token in tokens)
        {
            json.WriteStartObject();
            json.WriteString("text", token.Text);
            WriteSpan(json, token.Start, token.End, offsets);
            json.WriteString("label", token.Label);
            json.WriteNumber("score", ScoreRounding.Round(token.Score));
            json.WriteNumber("sentence", token.Sentence);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteSpan(Utf8JsonWriter json, int start, int end, TextOffsets offsets)
    {
        json.WriteNumber("start", offsets.Map(start));
        json.WriteNumber("end", offsets.Map(end));
    }
}
