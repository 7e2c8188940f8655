using System.Text;
using System.Text.Json;

namespace KazNer.Stream.Tests.Support;

/// <summary>schemas/annotated-record.v1.schema.json, and the checks every produced record must pass.</summary>
internal static class RecordSchema
{
    private static readonly Lazy<JsonDocument> Schema = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "annotated-record.v1.schema.json"))));

    /// <summary>Asserts the record validates and that every entity's text is the input text at its offsets.</summary>
    public static JsonDocument AssertValid(byte[] value, string inputText)
    {
        var record = JsonDocument.Parse(value);
        var errors = MiniJsonSchema.Validate(Schema.Value.RootElement, record.RootElement);
        Assert.True(errors.Count == 0, $"{string.Join("; ", errors)} in {Encoding.UTF8.GetString(value)}");
        foreach (var entity in record.RootElement.GetProperty("entities").EnumerateArray())
        {
            var start = entity.GetProperty("start").GetInt32();
            var end = entity.GetProperty("end").GetInt32();
            Assert.Equal(inputText[start..end], entity.GetProperty("text").GetString());
        }

        foreach (var sentence in record.RootElement.GetProperty("sentences").EnumerateArray())
        {
            Assert.InRange(sentence.GetProperty("end").GetInt32(), sentence.GetProperty("start").GetInt32(), inputText.Length);
        }

        return record;
    }
}
