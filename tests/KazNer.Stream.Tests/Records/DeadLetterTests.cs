using System.Text;
using Confluent.Kafka;
using KazNer.Stream.DeadLetters;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;

namespace KazNer.Stream.Tests.Records;

/// <summary>Dead letters as the worker's record factory writes them, read back the way `kazner dlq` reads them.</summary>
public sealed class DeadLetterTests
{
    private static readonly DateTime Written = new(2026, 3, 12, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ToReplay_InputsKeyValueAndOwnHeaders_WithoutTheWorkersAndMarkedWithTheLetter()
    {
        var letter = Letter(new OutboundRecordFactory("news.annotated", "news.dlq", 1_000_000), "{not json"u8.ToArray());

        var replay = letter.ToReplay();

        Assert.Equal("k1", Encoding.UTF8.GetString(replay.Key));
        Assert.Equal("{not json", Encoding.UTF8.GetString(replay.Value));
        Assert.Equal(["origin", "traceparent", KazNerHeaders.ReplayedFrom], replay.Headers.Select(h => h.Key));
        Assert.Equal("news.dlq/1/42", Encoding.UTF8.GetString(replay.Headers.GetLastBytes(KazNerHeaders.ReplayedFrom)));
        Assert.False(letter.IsTruncated);
        Assert.Equal(2, letter.SourcePartitionIn("news"));
        Assert.Null(letter.SourcePartitionIn("news.retry"));
    }

    [Fact]
    public void IsTruncated_ValueCutToFitTheProducer_ItsHeadAndTheOriginalSize()
    {
        var value = Encoding.UTF8.GetBytes(new string('a', 5000));

        var letter = Letter(new OutboundRecordFactory("news.annotated", "news.dlq", 2000), value);

        Assert.True(letter.IsTruncated);
        Assert.Equal(5000, letter.OriginalBytes);
        Assert.Equal(letter.Value.Length, letter.KeptBytes);
        Assert.InRange(letter.Value.Length, 1, 1999);
    }

    [Fact]
    public void Filter_EachCriterion_SelectsOnlyWhatItNames()
    {
        var factory = new OutboundRecordFactory("news.annotated", "news.dlq", 1_000_000);
        var letter = Letter(factory, "x"u8.ToArray());
        var all = DeadLetterFilter.All;

        Assert.True(all.Matches(letter));
        Assert.True((all with { Reasons = new HashSet<string> { "invalid-json", "invalid-utf8" } }).Matches(letter));
        Assert.False((all with { Reasons = new HashSet<string> { "too-large" } }).Matches(letter));
        Assert.False((all with { Stages = new HashSet<string> { "produce" } }).Matches(letter));
        Assert.True((all with { Keys = new HashSet<string> { "k1" } }).Matches(letter));
        Assert.False((all with { Keys = new HashSet<string> { "k2" } }).Matches(letter));
        Assert.True((all with { Ids = new HashSet<string> { "k1" } }).Matches(letter));
        Assert.True((all with { Ids = new HashSet<string> { "doc-7" } }).Matches(Letter(factory, "{\"id\":\"doc-7\"}"u8.ToArray())));
        Assert.True((all with { Ids = new HashSet<string> { "7" } }).Matches(Letter(factory, "{\"id\":7,\"text\":\" \"}"u8.ToArray())));
        Assert.False((all with { Ids = new HashSet<string> { "k1" } }).Matches(Letter(factory, "{\"id\":\"doc-7\"}"u8.ToArray())));
        Assert.True((all with { Partition = 1, FromOffset = 42, ToOffset = 42 }).Matches(letter));
        Assert.False((all with { Partition = 1, FromOffset = 43 }).Matches(letter));
        Assert.False((all with { Partition = 0 }).Matches(letter));
        Assert.True((all with { Since = Written.AddMinutes(-1) }).Matches(letter));
        Assert.False((all with { Since = Written.AddMinutes(1) }).Matches(letter));
    }

    /// <summary>The factory's dead letter for an input at news/2/7, as read back from news.dlq partition 1 offset 42.</summary>
    private static DeadLetter Letter(OutboundRecordFactory factory, byte[] value)
    {
        var headers = new Headers
        {
            { "origin", "wire"u8.ToArray() },
            { "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"u8.ToArray() },
            { KazNerHeaders.Error, "forged by the input"u8.ToArray() },
        };
        var source = new SourceMessage(new TopicPartitionOffset("news", 2, 7), "k1"u8.ToArray(), value, headers, Written);
        var record = factory.DeadLetter(source, DeadLetterReason.InvalidJson("stops at byte 1")).Records.Single();
        return new DeadLetter(new TopicPartitionOffset("news.dlq", 1, 42), Written, record.Key, record.Value, record.Headers);
    }
}
