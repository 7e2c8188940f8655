using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using KazNer.Core;
using KazNer.Stream.Configuration;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;
using KazNer.Stream.Tests.Support;

namespace KazNer.Stream.Tests.Records;

public sealed class AnnotatedRecordWriterTests
{
    // The emoji before the names is one code point but two UTF-16 code units, so the two units differ by one after it.
    private const string Text = "😀 Президент Қасым-Жомарт Тоқаев Астанада сөз сөйледі.";

    [Fact]
    public void CodePointOffsets_SliceTheTextAsPythonDoes_AndTheRecordSaysSo()
    {
        var (utf16, codePoints) = (Write(OffsetUnit.Utf16), Write(OffsetUnit.CodePoint));

        RecordSchema.AssertValid(utf16.Value, Text);
        using var record = JsonDocument.Parse(codePoints.Value);
        Assert.Equal("codepoint", record.RootElement.GetProperty("offsetUnit").GetString());
        Assert.False(JsonDocument.Parse(utf16.Value).RootElement.TryGetProperty("offsetUnit", out _));
        var runes = Text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var entities = record.RootElement.GetProperty("entities").EnumerateArray().ToList();
        Assert.NotEmpty(entities);
        foreach (var entity in entities)
        {
            var start = entity.GetProperty("start").GetInt32();
            var end = entity.GetProperty("end").GetInt32();
            Assert.Equal(entity.GetProperty("text").GetString(), string.Concat(runes[start..end]));
        }

        var utf16End = JsonDocument.Parse(utf16.Value).RootElement.GetProperty("sentences")[0].GetProperty("end").GetInt32();
        Assert.Equal(utf16End - 1, record.RootElement.GetProperty("sentences")[0].GetProperty("end").GetInt32());
    }

    private static (byte[] Value, AnnotatedDocument Annotated) Write(OffsetUnit unit)
    {
        var annotated = TestEngine.Instance.Annotate([new NerDocument("1", Text)])[0];
        var source = new SourceMessage(new TopicPartitionOffset("news", 0, 7), null, [], [], DateTimeOffset.Parse("2024-03-12T10:00:00Z", CultureInfo.InvariantCulture));
        var value = new AnnotatedRecordWriter(unit).Write(new InputDocument("1", Text, []), source, TestEngine.Instance.Model, annotated);
        return (value, annotated);
    }
}
