using System.Text.Json;
using KazNer.Core;

namespace KazNer.Stream.Cli;

/// <summary>Reads documents line by line, so files of any size stream through in constant memory.</summary>
internal static class DocumentReader
{
    public static IEnumerable<NerDocument> Read(TextReader reader, InputFormat format, string source)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return format == InputFormat.Jsonl
                ? ParseJson(line, number, source)
                : new NerDocument(number.ToString(System.Globalization.CultureInfo.InvariantCulture), line);
        }
    }

    private static NerDocument ParseJson(string line, int number, string source)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CliInputException($"{source}:{number}: expected a JSON object with \"text\"");
            }

            var id = root.TryGetProperty("id", out var idValue) && idValue.ValueKind != JsonValueKind.Null
                ? (idValue.ValueKind == JsonValueKind.String ? idValue.GetString()! : idValue.GetRawText())
                : number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                throw new CliInputException($"{source}:{number}: no \"text\" string");
            }

            return new NerDocument(id, text.GetString()!);
        }
        catch (JsonException e)
        {
            throw new CliInputException($"{source}:{number}: invalid JSON ({e.Message})", e);
        }
    }
}
