using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using KazNer.Stream.Configuration;
using KazNer.Stream.Pipeline;

namespace KazNer.Stream.Records;

/// <summary>Turns a consumed message into a document, or into the reason it must be dead-lettered.</summary>
internal sealed class InputRecordParser(InputFormat format, int maxMessageBytes)
{
    private const string IdMember = "id";
    private const string TextMember = "text";

    public ParseOutcome Parse(SourceMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Value.Length > maxMessageBytes)
        {
            return ParseOutcome.Fail(DeadLetterReason.TooLarge(message.Value.Length, maxMessageBytes));
        }

        if (!Utf8.IsValid(message.Value))
        {
            return ParseOutcome.Fail(DeadLetterReason.InvalidUtf8());
        }

        return format == InputFormat.Text ? ParseText(message) : ParseJson(message);
    }

    private static ParseOutcome ParseText(SourceMessage message)
    {
        var text = Encoding.UTF8.GetString(message.Value);
        return string.IsNullOrWhiteSpace(text)
            ? ParseOutcome.Fail(DeadLetterReason.MissingText())
            : ParseOutcome.Ok(new InputDocument(FallbackId(message), text, []));
    }

    private static ParseOutcome ParseJson(SourceMessage message)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(message.Value);
        }
        catch (JsonException e)
        {
            return ParseOutcome.Fail(DeadLetterReason.InvalidJson(e.Message));
        }

        using (json)
        {
            try
            {
                return ReadDocument(json.RootElement, message);
            }
            catch (InvalidOperationException e)
            {
                // Valid JSON can still escape a lone surrogate ("\ud800"), which no .NET string may hold.
                return ParseOutcome.Fail(DeadLetterReason.InvalidJson(e.Message));
            }
        }
    }

    private static ParseOutcome ReadDocument(JsonElement root, SourceMessage message)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ParseOutcome.Fail(DeadLetterReason.InvalidJson("the value is not a JSON object"));
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
            : ParseOutcome.Ok(new InputDocument(id ?? FallbackId(message), text, fields));
    }

    private static string? IdOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    /// <summary>The key when it is text, else the message's coordinates, which are unique and stable.</summary>
    private static string FallbackId(SourceMessage message) =>
        message.Key is { Length: > 0 } key && Utf8.IsValid(key)
            ? Encoding.UTF8.GetString(key)
            : string.Create(CultureInfo.InvariantCulture, $"{message.Partition.Topic}/{message.Partition.Partition.Value}/{message.Offset}");
}
