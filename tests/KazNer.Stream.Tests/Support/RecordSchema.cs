using System.Text.Json;

namespace KazNer.Stream.Tests.Support;

/// <summary>schemas/annotated-record.v1.schema.json, and the checks every produced record must pass.</summary>
internal static class RecordSchema
{
    /// <summary>Asserts the record validates and that every entity's text is the input text at its offsets.</summary>
    public static JsonDocument AssertValid(byte[] value, string inputText)
    {
        var record = SchemaFiles.AssertValid(SchemaFiles.AnnotatedRecord, value);
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
