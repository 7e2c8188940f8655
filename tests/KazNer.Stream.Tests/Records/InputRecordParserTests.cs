using System.Text;
using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;

namespace KazNer.Stream.Tests.Records;

public sealed class InputRecordParserTests
{
    /// <remarks>Found by the hostile corpus of the fault matrix: the worker stopped on the first such record.</remarks>
    [Theory]
    [InlineData("""{"id":"a","text":"\ud800 Астана"}""")]
    [InlineData("""{"id":"\udc00x","text":"Астана"}""")]
    [InlineData("""{"\ud83d\ud83d":1,"text":"Астана"}""")]
    public void Parse_LoneSurrogateEscape_DeadLettersAsInvalidJson(string json)
    {
        var parser = new InputRecordParser(InputFormat.Json, 1 << 20);

        var outcome = parser.Parse(Message(json));

        Assert.Null(outcome.Document);
        Assert.Equal("invalid-json", outcome.Failure!.Error);
    }

    [Fact]
    public void Parse_EscapedSurrogatePair_KeepsTheCharacter()
    {
        var parser = new InputRecordParser(InputFormat.Json, 1 << 20);

        var outcome = parser.Parse(Message("""{"id":"a","text":"\ud83d\ude00 Астана"}"""));

        Assert.Equal("😀 Астана", outcome.Document!.Text);
    }

    private static SourceMessage Message(string json) =>
        new(new TopicPartitionOffset("news", 0, 7), Encoding.UTF8.GetBytes("key"), Encoding.UTF8.GetBytes(json), [], DateTimeOffset.UnixEpoch);
}
