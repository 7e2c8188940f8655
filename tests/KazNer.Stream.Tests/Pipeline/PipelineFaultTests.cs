using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;
using KazNer.Stream.Tests.Support;

namespace KazNer.Stream.Tests.Pipeline;

/// <summary>Poison records, refused writes and lost partitions: the pipeline goes on and loses nothing.</summary>
public sealed class PipelineFaultTests
{
    private const string Text = "Алматыда жаңа мектеп ашылды.";

    [Fact]
    public async Task RunAsync_PartitionsLostWhilePausedAndAssignedAgain_ResumesEveryPartition()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { MaxDocumentsInFlight = 4, BatchDeadlineMs = 0 });
        harness.Sink.Block();
        for (var i = 0; i < 30; i++)
        {
            harness.Source.Add(i % 3, Json($"doc-{i}", Text));
        }

        harness.Start();
        await Eventually.TrueAsync(() => harness.Source.IsPaused, "consumption paused at the in-flight limit");

        // The outage outlives the session: the partitions are lost (which releases their in-flight budget, so
        // the pause is lifted while nothing is assigned) and assigned again, still paused inside the client.
        harness.Source.LosePartitions();
        await Eventually.TrueAsync(() => harness.Flow.Documents < 4, "the lost partitions' documents are released");
        harness.Sink.Unblock();

        await Eventually.TrueAsync(() => harness.Source.ConsumedCount == 30, "every partition consumed to its end", seconds: 20);
        Assert.Empty(harness.Source.PausedPartitions);
    }

    [Fact]
    public async Task RunAsync_CommitAnsweredRebalanceInProgressAndNoRejoinFollows_CommitsEveryOffsetAfterBackOff()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { BatchDeadlineMs = 0 });
        // The coordinator says the group is rebalancing, but no rebalance reaches this member: no new assignment.
        harness.Source.FailCommits(ErrorCode.RebalanceInProgress, ErrorCode.RebalanceInProgress);
        for (var i = 0; i < 12; i++)
        {
            harness.Source.Add(i % 3, Json($"doc-{i}", Text));
        }

        harness.Start();

        await Ticking(harness, () => CommittedToEnd(harness, 4), "every partition committed to its end", seconds: 15);
    }

    [Fact]
    public async Task StopAsync_AfterCommitAnsweredRebalanceInProgress_StillCommitsTheDeliveredRun()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { BatchDeadlineMs = 0 });
        for (var i = 0; i < 12; i++)
        {
            harness.Source.Add(i % 3, Json($"doc-{i}", Text));
        }

        harness.Source.FailCommits(ErrorCode.RebalanceInProgress);
        harness.Start();
        await Eventually.TrueAsync(() => harness.Sink.Delivered.Count == 12, "every document delivered");
        await Ticking(harness, () => harness.Source.RefusedCommits == 1, "a commit was refused");

        // Time goes on while the worker stops, as it does for the final commit's back-off and timeout.
        using var ticking = new CancellationTokenSource();
        var clock = Task.Run(async () =>
        {
            while (!ticking.IsCancellationRequested)
            {
                harness.Time.Advance(TimeSpan.FromMilliseconds(100));
                await Task.Delay(10, TestContext.Current.CancellationToken);
            }
        }, TestContext.Current.CancellationToken);
        await harness.StopAsync();
        await ticking.CancelAsync();
        await clock;

        Assert.True(CommittedToEnd(harness, 4), $"committed: {string.Join(", ", harness.Source.Committed)}");
    }

    [Fact]
    public async Task RunAsync_OutputTopicRefusesARecord_DeadLettersItAndGoesOn()
    {
        // The topic's refusal, not the worker's own limit: the annotation is under Kafka:MaxMessageBytes.
        await using var harness = new PipelineHarness(new PipelineOptions { BatchDeadlineMs = 0 }, partitions: 1, Kafka(maxMessageBytes: 1_000_000));
        harness.Sink.Refuse("news.annotated");
        harness.Sink.RefuseOver = 1_000;
        var refused = harness.Source.Add(0, Json("long", string.Join(' ', Enumerable.Repeat(Text, 30))));
        var fine = harness.Source.Add(0, Json("short", "Алматы."));

        harness.Start();
        await Eventually.TrueAsync(() => harness.Sink.Delivered.Count == 2, "one dead letter and one output");

        var (letter, source) = harness.Sink.Delivered.First();
        Assert.True(letter.IsDeadLetter);
        Assert.Equal(refused.Offset, source.Offset);
        Assert.Equal("produce-failed", Header(letter, KazNerHeaders.Error));
        Assert.Equal(refused.Value, letter.Value);
        Assert.Equal(fine.Offset, harness.Sink.Delivered.Single(d => !d.Record.IsDeadLetter).Source.Offset);
        await Ticking(harness, () => harness.Source.Committed.Values.SingleOrDefault() == 2, "both offsets committed");
    }

    [Fact]
    public async Task RunAsync_AnnotationOverTheProducerLimit_IsDeadLetteredAsOutputTooLarge()
    {
        var kafka = Kafka(maxMessageBytes: 3_000);
        await using var harness = new PipelineHarness(new PipelineOptions { BatchDeadlineMs = 0 }, partitions: 1, kafka);
        // Under the limit (3,000 bytes) as an input, but its annotation (entities and their keys) is not.
        var text = string.Join(' ', Enumerable.Repeat("Астанада Қасым-Жомарт Тоқаев сөйледі.", 30));
        var input = harness.Source.Add(0, Json("big-output", text));
        Assert.InRange(input.Value.Length, 2_000, 2_900);

        harness.Start();
        await Eventually.TrueAsync(() => harness.Sink.Delivered.Count == 1, "the document is dead-lettered");

        var letter = harness.Sink.DeadLetters.Single();
        Assert.Equal("output-too-large", Header(letter, KazNerHeaders.Error));
        Assert.Equal(input.Value, letter.Value);
        Assert.Empty(harness.Sink.Outputs);
    }

    [Fact]
    public async Task RunAsync_InputOverMaxMessageBytes_DeadLetterFitsWithItsHeadAndHash()
    {
        var kafka = Kafka(maxMessageBytes: 3_000);
        await using var harness = new PipelineHarness(new PipelineOptions { BatchDeadlineMs = 0 }, partitions: 1, kafka);
        var input = harness.Source.Add(0, Json("huge", new string('а', 5_000)));

        harness.Start();
        await Eventually.TrueAsync(() => harness.Sink.Delivered.Count == 1, "the document is dead-lettered");

        var letter = harness.Sink.DeadLetters.Single();
        Assert.Equal("too-large", Header(letter, KazNerHeaders.Error));
        Assert.InRange(letter.Bytes, 1, 3_000);
        Assert.Equal(input.Value.Length.ToString(CultureInfo.InvariantCulture), Header(letter, KazNerHeaders.OriginalBytes));
        Assert.Equal(letter.Value.Length.ToString(CultureInfo.InvariantCulture), Header(letter, KazNerHeaders.KeptBytes));
        Assert.Equal(input.Value[..letter.Value.Length], letter.Value);
        await Ticking(harness, () => harness.Source.Committed.Values.SingleOrDefault() == 1, "its offset committed");
    }

    [Fact]
    public async Task RunAsync_DeadLetterTopicRefusesWrites_PausesAndRetriesUntilItTakesThem()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { BatchDeadlineMs = 0 }, partitions: 1);
        harness.Sink.Refuse("news.dlq");
        harness.Source.Add(0, "{not json");
        harness.Source.Add(0, Json("after", Text));

        harness.Start();
        await Ticking(harness, () => harness.Sink.Refusals >= 2 && harness.Flow.IsSinkDown, "the refusal marks the sink down");
        await Ticking(harness, () => harness.Flow.IsConsumptionPaused, "consumption paused");
        Assert.Empty(harness.Source.Committed);

        harness.Sink.Accept("news.dlq");

        await Ticking(harness, () => harness.Sink.Delivered.Count == 2, "the dead letter and the output delivered");
        Assert.Equal("invalid-json", Header(harness.Sink.DeadLetters.Single(), KazNerHeaders.Error));
        await Ticking(harness, () => harness.Source.Committed.Values.SingleOrDefault() == 2, "both offsets committed");
        await Ticking(harness, () => !harness.Flow.IsSinkDown && !harness.Flow.IsConsumptionPaused, "consumption resumed");
    }

    [Fact]
    public async Task RunAsync_DeadLetterRefusedAsTooLarge_IsSentAgainWithoutPayload()
    {
        await using var harness = new PipelineHarness(new PipelineOptions { BatchDeadlineMs = 0 }, partitions: 1);
        harness.Sink.Refuse("news.dlq", tooLarge: true);
        harness.Sink.RefuseOver = 0;
        harness.Source.Add(0, "{not json");

        harness.Start();
        await Ticking(harness, () => harness.Sink.Delivered.Count == 1, "the dead letter delivered without payload");

        var letter = harness.Sink.DeadLetters.Single();
        Assert.Empty(letter.Value);
        Assert.Equal("9", Header(letter, KazNerHeaders.OriginalBytes));
        Assert.Equal("invalid-json", Header(letter, KazNerHeaders.Error));
    }

    private static KafkaOptions Kafka(int maxMessageBytes) => new()
    {
        BootstrapServers = "in-memory",
        InputTopic = PipelineHarness.Topic,
        OutputTopic = "news.annotated",
        MaxMessageBytes = maxMessageBytes,
    };

    private static readonly JsonSerializerOptions Utf8Text = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Json(string id, string text) => JsonSerializer.Serialize(new { id, text }, Utf8Text);

    /// <summary>Waits while moving the harness's clock, which drives commit intervals and retry back-off.</summary>
    private static bool CommittedToEnd(PipelineHarness harness, long end) =>
        harness.Source.Committed.Count == 3 && harness.Source.Committed.Values.All(offset => offset == end);

    private static Task Ticking(PipelineHarness harness, Func<bool> condition, string what, double seconds = 30) =>
        Eventually.TrueAsync(
            () =>
            {
                harness.Time.Advance(TimeSpan.FromMilliseconds(100));
                return condition();
            },
            what,
            seconds);

    private static string? Header(OutboundRecord record, string key) =>
        record.Headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
