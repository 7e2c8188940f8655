using System.Text;
using System.Text.Json;
using KazNer.Stream.Configuration;
using KazNer.Stream.Records;
using KazNer.Stream.Tests.Support;

namespace KazNer.Stream.Tests.Pipeline;

public sealed class AnnotationPipelineTests
{
    private static readonly string[] Tags = ["a", "b"];

    private static readonly string[] Texts =
    [
        "Астанада Қасым-Жомарт Тоқаев Үкімет отырысын өткізді.",
        "Ұлттық Банк базалық мөлшерлемені 14,75 пайызға төмендетті. Инфляция ақпанда баяулады.",
        "Алматыда жаңа мектеп ашылды.",
        "«Қазақстан темір жолы» 2023 жылы 4,1 млн тонна жүкті Қытайға тасымалдады. Достық станциясы арқылы өтетін жүк көлемі 18 пайызға өсті. Компания жаңа вагондар сатып алады.",
    ];

    [Fact]
    public async Task RunAsync_DocumentsFromManyPartitions_KeepsInputOrderPerPartition()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { MaxBatchSequences = 5, BatchDeadlineMs = 0 });
        for (var i = 0; i < 30; i++)
        {
            harness.Source.Add(i % 3, Json($"doc-{i}", Texts[i % Texts.Length]));
        }

        harness.Start();
        await Eventually.TrueAsync(() => harness.Sink.Delivered.Count == 30, "30 outputs");
        await harness.StopAsync();

        foreach (var partition in harness.Sink.Delivered.GroupBy(d => d.Source.Partition))
        {
            var offsets = partition.Select(d => d.Source.Offset).ToList();
            Assert.Equal([.. offsets.Order()], offsets);
        }

        Assert.Contains(harness.Engine.BatchSizes, size => size > 1);
        Assert.All(harness.Sink.Delivered, d => RecordSchema.AssertValid(d.Record.Value, Texts[int.Parse(JsonDocument.Parse(d.Record.Value).RootElement.GetProperty("id").GetString()!.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture) % Texts.Length]));
    }

    [Fact]
    public async Task RunAsync_FullBatch_RunsWithoutWaitingForTheDeadline()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { MaxBatchSequences = 4, BatchDeadlineMs = 60_000 });
        for (var i = 0; i < 4; i++)
        {
            harness.Source.Add(0, Json($"doc-{i}", Texts[0]));
        }

        harness.Start();

        await Eventually.TrueAsync(() => harness.Sink.Delivered.Count == 4, "a full batch runs at once");
        Assert.Equal([4], harness.Engine.BatchSizes);
    }

    [Fact]
    public async Task RunAsync_PartialBatch_RunsWhenTheDeadlinePasses()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { MaxBatchSequences = 64, BatchDeadlineMs = 20 });
        harness.Source.Add(0, Json("doc-0", Texts[0]));
        harness.Start();
        await Eventually.TrueAsync(() => harness.Batcher.Pending == 1, "the sequence waits in the batcher");
        Assert.Equal(0, harness.Engine.InferCalls);

        harness.Time.Advance(TimeSpan.FromMilliseconds(20));

        await Eventually.TrueAsync(() => harness.Sink.Delivered.Count == 1, "the deadline runs the partial batch");
        Assert.Equal([1], harness.Engine.BatchSizes);
    }

    [Fact]
    public async Task RunAsync_ArrivalsTooSlowToFillABatch_RunsWithoutWaitingForTheDeadline()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { MaxBatchSequences = 64, BatchDeadlineMs = 1000 });
        harness.Source.Add(0, Json("doc-0", Texts[0]));
        harness.Start();
        await Eventually.TrueAsync(() => harness.Batcher.Pending == 1, "the first sequence waits: no arrival rate yet");
        harness.Time.Advance(TimeSpan.FromMilliseconds(1000));
        await Eventually.TrueAsync(() => harness.Sink.Delivered.Count == 1, "the deadline runs the first one");

        // One sequence a second cannot fill 64 before a 1 s deadline, so the next one runs at once.
        harness.Source.Add(0, Json("doc-1", Texts[2]));

        await Eventually.TrueAsync(() => harness.Sink.Delivered.Count == 2, "the second runs without the clock moving");
        Assert.Equal([1, 1], harness.Engine.BatchSizes);
    }

    [Fact]
    public async Task RunAsync_SinkDown_PausesConsumptionAtTheInFlightLimitAndResumesWhenDrained()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { MaxDocumentsInFlight = 4, BatchDeadlineMs = 0 });
        harness.Sink.Block();
        for (var i = 0; i < 20; i++)
        {
            harness.Source.Add(i % 3, Json($"doc-{i}", Texts[2]));
        }

        harness.Start();
        await Eventually.TrueAsync(() => harness.Source.IsPaused, "consumption paused");
        Assert.Equal(4, harness.Source.ConsumedCount);
        Assert.Empty(harness.Sink.Delivered);
        Assert.Empty(harness.Source.Committed);

        harness.Sink.Unblock();

        await Eventually.TrueAsync(() => harness.Sink.Delivered.Count == 20, "everything delivered after the sink came back");
        await Eventually.TrueAsync(() => !harness.Source.IsPaused, "consumption resumed");
    }

    [Fact]
    public async Task RunAsync_UnprocessableDocuments_AreDeadLetteredWithOriginalBytesAndErrorHeaders()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { BatchDeadlineMs = 0 });
        byte[] invalidUtf8 = [0x7B, 0xC3, 0x28, 0x7D];
        var expected = new Dictionary<long, (string Error, string Stage)>
        {
            [harness.Source.Add(0, invalidUtf8).Offset] = ("invalid-utf8", "parse"),
            [harness.Source.Add(0, "{not json").Offset] = ("invalid-json", "parse"),
            [harness.Source.Add(0, """{"id":"x","text":"   "}""").Offset] = ("missing-text", "parse"),
            [harness.Source.Add(0, Json("big", new string('а', 5000))).Offset] = ("too-large", "parse"),
            [harness.Source.Add(0, Json("poison", $"Бұл құжат {ObservedEngine.Poison} модельді құлатады.")).Offset] = ("inference-failed", "inference"),
        };
        var good = harness.Source.Add(0, Json("good", Texts[0]));

        harness.Start();
        await Eventually.TrueAsync(() => harness.Sink.Delivered.Count == 6, "five dead letters and one output");
        await harness.StopAsync();

        Assert.Equal([.. expected.Keys, good.Offset], harness.Sink.Delivered.Select(d => d.Source.Offset));
        foreach (var (record, source) in harness.Sink.Delivered.Where(d => d.Record.IsDeadLetter))
        {
            Assert.Equal("news.dlq", record.Topic);
            // Over Kafka:MaxMessageBytes, an input cannot be its own dead letter under the same limit: its head is kept.
            var kept = expected[source.Offset].Error == "too-large" ? source.Value[..record.Value.Length] : source.Value;
            Assert.Equal(kept, record.Value);
            Assert.Equal(expected[source.Offset].Error, Header(record, KazNerHeaders.Error));
            Assert.Equal(expected[source.Offset].Stage, Header(record, KazNerHeaders.Stage));
            Assert.Equal("test", Header(record, "origin"));
        }

        Assert.Single(harness.Sink.Outputs);
        Assert.Equal(good.Offset + 1, harness.Source.Committed.Single().Value);
    }

    [Fact]
    public async Task StopAsync_DocumentsInFlight_DrainsDeliversCommitsAndCloses()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { BatchDeadlineMs = 60_000, MaxBatchSequences = 1000, MaxBatchTokens = 1 << 20 });
        for (var i = 0; i < 9; i++)
        {
            harness.Source.Add(i % 3, Json($"doc-{i}", Texts[i % Texts.Length]));
        }

        harness.Start();
        await Eventually.TrueAsync(() => harness.Source.ConsumedCount == 9 && harness.Batcher.Pending > 0, "documents waiting for the deadline");
        Assert.Empty(harness.Sink.Delivered);

        await harness.StopAsync();

        Assert.Equal(9, harness.Sink.Delivered.Count);
        Assert.All(harness.Source.Committed, c => Assert.Equal(3, c.Value));
        Assert.Equal(3, harness.Source.Committed.Count);
        Assert.True(harness.Source.Closed);
    }

    [Fact]
    public async Task RunAsync_SameInputTwice_ProducesByteIdenticalRecords()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { BatchDeadlineMs = 0 }, partitions: 2);
        harness.Source.Add(0, Json("same", Texts[3]));
        harness.Source.Add(1, Json("same", Texts[3]));
        harness.Start();
        await Eventually.TrueAsync(() => harness.Sink.Delivered.Count == 2, "two outputs");

        var values = harness.Sink.Delivered.Select(d => Encoding.UTF8.GetString(d.Record.Value).Replace("\"partition\":1", "\"partition\":0", StringComparison.Ordinal)).ToList();
        Assert.Equal(values[0], values[1]);
    }

    private static string Json(string id, string text) =>
        JsonSerializer.Serialize(new { id, text, section = "test", tags = Tags });

    private static string? Header(KazNer.Stream.Records.OutboundRecord record, string key) =>
        record.Headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
