using System.Text.Json;
using KazNer.Stream.Configuration;

namespace KazNer.Stream.Records;

/// <summary>The class behind each <see cref="InputFormat"/>: a new format is one enum member and one class.</summary>
internal static class InputFormats
{
    public static IInputFormat For(InputFormat format) => format switch
    {
        InputFormat.Json => new JsonInputFormat(),
        InputFormat.Text => new TextInputFormat(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Json when <paramref name="first"/> (the first non-blank line of an input) is a JSON object, else Text.</summary>
    public static InputFormat Detect(ReadOnlyMemory<byte> first)
    {
        var trimmed = first.Span.TrimStart(" \t\r"u8);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{')
        {
            return InputFormat.Text;
        }

        try
        {
            using var json = JsonDocument.Parse(first);
            return json.RootElement.ValueKind == JsonValueKind.Object ? InputFormat.Json : InputFormat.Text;
        }
        catch (JsonException)
        {
            return InputFormat.Text;
        }
    }
}
