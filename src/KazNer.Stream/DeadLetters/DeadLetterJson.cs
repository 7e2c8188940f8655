using System.Text.Encodings.Web;
using System.Text.Json;

namespace KazNer.Stream.DeadLetters;

/// <summary>
/// A dead letter as one JSON line: where it is, its decoded kazner-* headers, the input's own headers, key and
/// value (as text when they are UTF-8, else base64 under <c>keyBase64</c>/<c>valueBase64</c>).
/// </summary>
internal static class DeadLetterJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Line(DeadLetter letter, Action<Utf8JsonWriter>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(letter);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("topic", letter.Position.Topic);
            json.WriteNumber("partition", letter.Position.Partition.Value);
            json.WriteNumber("offset", letter.Position.Offset.Value);
            json.WriteString("timestamp", letter.Timestamp.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("error", letter.Error);
            json.WriteString("stage", letter.Stage);
            WriteOptional(json, "detail", letter.Detail);
            WriteOptional(json, "source", letter.Source);
            json.WriteBoolean("truncated", letter.IsTruncated);
            WriteOptional(json, "originalBytes", letter.OriginalBytes);
            WriteOptional(json, "keptBytes", letter.KeptBytes);
            WriteOptional(json, "originalSha256", letter.OriginalSha256);
            WriteOptional(json, "replayedFrom", letter.ReplayedFrom);
            WriteOptional(json, "id", letter.DocumentId);
            WriteBytes(json, "key", letter.Key);
            json.WriteStartArray("headers");
            foreach (var header in letter.InputHeaders)
            {
                json.WriteStartObject();
                json.WriteString("name", header.Key);
                WriteBytes(json, "value", header.GetValueBytes());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteBytes(json, "value", letter.Value);
            extra?.Invoke(json);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteBytes(Utf8JsonWriter json, string name, byte[]? bytes)
    {
        if (bytes is null)
        {
            json.WriteNull(name);
        }
        else if (DeadLetter.Text(bytes) is { } text)
        {
            json.WriteString(name, text);
        }
        else
        {
            json.WriteString(name + "Base64", Convert.ToBase64String(bytes));
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }
}
