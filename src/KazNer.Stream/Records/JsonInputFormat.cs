using System.Text.Json;

namespace KazNer.Stream.Records;

/// <summary>A JSON object with a non-blank <c>text</c> string and an optional <c>id</c>; other members are carried through.</summary>
internal sealed class JsonInputFormat : IInputFormat
{
    private const string IdMember = "id";
    private const string TextMember = "text";

    public ParseOutcome Parse(ReadOnlyMemory<byte> utf8, string fallbackId)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(utf8);
        }
        catch (JsonException e)
        {
            return ParseOutcome.Fail(DeadLetterReason.InvalidJson(Describe(e)));
        }

        using (json)
        {
            try
            {
                return Read(json.RootElement, fallbackId);
            }
            catch (InvalidOperationException e)
            {
                // Valid JSON can still escape a lone surrogate ("\ud800"), which no .NET string may hold.
                return ParseOutcome.Fail(DeadLetterReason.InvalidJson(e.Message));
            }
        }
    }

    private static ParseOutcome Read(JsonElement root, string fallbackId)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ParseOutcome.Fail(DeadLetterReason.InvalidJson($"expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}"));
        }

        string? id = null;
        string? text = null;
        var fields = new List<CarriedField>();
        foreach (var member in root.EnumerateObject())
        {
            switch (member.Name)
            {
                case IdMember:
                    id = IdOf(member.Value);
                    break;
                case TextMember:
                    text = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString() : null;
                    break;
                default:
                    fields.Add(new CarriedField(member.Name, member.Value.GetRawText()));
                    break;
            }
        }

        return string.IsNullOrWhiteSpace(text)
            ? ParseOutcome.Fail(DeadLetterReason.MissingText())
            : ParseOutcome.Ok(new InputDocument(id ?? fallbackId, text, fields));
    }

    /// <summary>The <c>id</c> a document would be annotated under, when the value is a JSON object that has one.</summary>
    public static string? IdIn(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var json = JsonDocument.Parse(utf8);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(IdMember, out var id) ? IdOf(id) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The reader's sentence and where it stopped, without its "Path: $ | LineNumber: 0" suffix.</summary>
    internal static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        var reason = (cut < 0 ? message : message[..cut]).TrimEnd();
        return e.LineNumber is > 0 ? $"{reason} (line {e.LineNumber + 1}, byte offset {e.BytePositionInLine} in the line)" : $"{reason} (byte offset {e.BytePositionInLine})";
    }

    private static string? IdOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };
}
