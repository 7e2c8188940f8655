using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using KazNer.Stream.Configuration;
using KazNer.Stream.Records;
using KazNer.Stream.Tests.Support;

namespace KazNer.Stream.Tests.Pipeline;

/// <summary>Entity events travel in their document's outbound unit: delivered with it, or dead-lettered with it.</summary>
public sealed class EntityEventPipelineTests
{
    private const string Text = "Қасым-Жомарт Тоқаев Астанада Еуропалық Одақ өкілдерімен кездесті. Тоқаевтың сапары Алматыда жалғасты.";

    private static readonly JsonSerializerOptions Utf8Text = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task RunAsync_WithEntityTopic_DocumentAndOneEventPerMentionInOneDelivery()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { BatchDeadlineMs = 0 }, partitions: 1, Kafka("news.entities"));
        var input = harness.Source.Add(0, JsonSerializer.Serialize(new { id = "a", text = Text }, Utf8Text));

        harness.Start();
        await Committed(harness);

        var delivered = harness.Sink.Delivered.ToList();
        Assert.All(delivered, d => Assert.Equal(input.Offset, d.Source.Offset));
        var document = RecordSchema.AssertValid(Assert.Single(delivered, d => d.Record.Topic == "news.annotated").Record.Value, Text).RootElement;
        var entities = document.GetProperty("entities").EnumerateArray().ToList();
        var events = delivered.Where(d => d.Record.Topic == "news.entities").Select(d => d.Record).ToList();
        Assert.Equal(entities.Count, events.Count);
        Assert.Equal(entities.Select(e => e.GetProperty("key").GetString()), events.Select(e => Encoding.UTF8.GetString(e.Key!)));
        Assert.All(events, e => EntityEventSchema.AssertValid(e.Value, Text).Dispose());

        // Keys carry the base forms: Тоқаевтың, Астанада and Алматыда are keyed without their case.
        var keys = entities.Select(e => e.GetProperty("key").GetString()).ToList();
        Assert.Contains("PERSON:Тоқаев", keys);
        Assert.Contains("GPE:Астана", keys);
        Assert.Contains("GPE:Алматы", keys);
    }

    [Fact]
    public async Task RunAsync_EntityTopicRefusesWrites_TheDocumentIsDeadLetteredWholeAndItsOffsetCommitted()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { BatchDeadlineMs = 0 }, partitions: 1, Kafka("news.entities"));
        harness.Sink.Refuse("news.entities");
        var input = harness.Source.Add(0, JsonSerializer.Serialize(new { id = "a", text = Text }, Utf8Text));

        harness.Start();
        await Committed(harness);

        var letter = Assert.Single(harness.Sink.Delivered).Record;
        Assert.True(letter.IsDeadLetter);
        Assert.Equal(input.Value, letter.Value);
    }

    [Fact]
    public async Task RunAsync_WithoutEntityTopic_OnlyTheDocumentRecord()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { BatchDeadlineMs = 0 }, partitions: 1, Kafka(entityTopic: null));
        harness.Source.Add(0, JsonSerializer.Serialize(new { id = "a", text = Text }, Utf8Text));

        harness.Start();
        await Committed(harness);

        Assert.Equal("news.annotated", Assert.Single(harness.Sink.Delivered).Record.Topic);
    }

    /// <summary>Waits for the input's offset to be committed, moving the harness's clock that drives commits.</summary>
    private static Task Committed(PipelineHarness harness) =>
        Eventually.TrueAsync(
            () =>
            {
                harness.Time.Advance(TimeSpan.FromMilliseconds(100));
                return harness.Source.Committed.Values.SingleOrDefault() == 1;
            },
            "the offset committed");

    private static KafkaOptions Kafka(string? entityTopic) => new()
    {
        BootstrapServers = "in-memory",
        InputTopic = PipelineHarness.Topic,
        OutputTopic = "news.annotated",
        EntityTopic = entityTopic,
    };
}
