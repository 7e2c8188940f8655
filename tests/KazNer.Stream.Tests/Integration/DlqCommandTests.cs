using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using KazNer.Stream.Records;
using KazNer.Stream.Tests.Cli;

namespace KazNer.Stream.Tests.Integration;

/// <summary>
/// <c>kazner dlq</c> as an operator runs it, on dead letters the real worker wrote: a worker reading JSON is fed
/// plain text (and worse), then the plain text is replayed to a worker that reads text.
/// </summary>
[Collection(SharedCluster.Name)]
public sealed class DlqCommandTests(KafkaFixture kafka)
{
    private const string Plain1 = "Астанада Қасым-Жомарт Тоқаев Үкімет отырысын өткізді.";
    private const string Plain2 = "Алматыда жаңбыр жауды.";
    private readonly KafkaTestClient client = new(kafka.BootstrapServers);

    [Fact]
    public async Task Dlq_RealDeadLetters_StatsShowAndAReplayThatSendsEachRecordOnceAndIsAnnotatedAfterTheFix()
    {
        var topics = await WorkerTopics.CreateAsync(kafka);
        await ProduceBadInputAsync(topics.Input);
        await using (var json = await RunningWorker.StartAsync(kafka, topics))
        {
            Assert.Single(client.Read(topics.Output, 1));
            Assert.Equal(5, client.Read(topics.DeadLetters, 5).Count);
        }

        // The client settings from a KAZNER_ variable and --Kafka:* arguments, as `run` takes them.
        var environment = new Dictionary<string, string> { ["KAZNER_Kafka__BootstrapServers"] = kafka.BootstrapServers };
        var stats = await KaznerProcess.RunAsync(null, environment, "dlq", "stats", "--format", "Jsonl", "--Kafka:InputTopic", topics.Input);
        Assert.Equal(0, stats.ExitCode);
        using (var summary = JsonDocument.Parse(stats.Stdout))
        {
            Assert.Equal(5, summary.RootElement.GetProperty("records").GetInt32());
            Assert.Equal(1, summary.RootElement.GetProperty("truncated").GetInt32());
            var reasons = summary.RootElement.GetProperty("reasons").EnumerateArray()
                .Select(r => $"{r.GetProperty("error").GetString()}/{r.GetProperty("stage").GetString()}={r.GetProperty("records").GetInt32()}")
                .Order(StringComparer.Ordinal);
            Assert.Equal(["invalid-json/parse=2", "invalid-utf8/parse=1", "missing-text/parse=1", "too-large/parse=1"], reasons);
        }

        var table = await Dlq(topics, "stats");
        Assert.Equal(0, table.ExitCode);
        Assert.Matches(@"invalid-json\s*│\s*parse\s*│\s*2\s*│\s*0\s*│", table.Stdout);
        Assert.Matches(@"too-large\s*│\s*parse\s*│\s*1\s*│\s*1\s*│", table.Stdout);

        var show = await Dlq(topics, "show", "--reason", "invalid-json");
        Assert.Equal(0, show.ExitCode);
        var shown = Lines(show.Stdout);
        Assert.Equal(["t1", "t2"], shown.Select(l => l.GetProperty("key").GetString()).Order(StringComparer.Ordinal));
        var first = shown.Single(l => l.GetProperty("key").GetString() == "t1");
        Assert.Equal(Plain1, first.GetProperty("value").GetString());
        Assert.StartsWith($"{topics.Input}/", first.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal("wire", first.GetProperty("headers").EnumerateArray().Single(h => h.GetProperty("name").GetString() == "origin").GetProperty("value").GetString());

        // Everything selected: the cut-down document cannot be sent as it was, so nothing is.
        var inputBefore = InputEnd(topics);
        var refused = await Dlq(topics, "replay", "--to", topics.Input);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("1 of the 5 selected", refused.Stderr, StringComparison.Ordinal);
        var dryRun = await Dlq(topics, "replay", "--to", topics.Input, "--reason", "invalid-json", "--dry-run");
        Assert.Equal(0, dryRun.ExitCode);
        Assert.All(Lines(dryRun.Stdout), l => Assert.Equal(topics.Input, l.GetProperty("replayTo").GetProperty("topic").GetString()));
        Assert.Equal(2, Lines(dryRun.Stdout).Count);
        var skipping = await Dlq(topics, "replay", "--to", topics.Input, "--skip-truncated", "--dry-run");
        Assert.Equal(["bad-utf8", "no-text", "t1", "t2"], Lines(skipping.Stdout).Select(l => l.GetProperty("key").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(inputBefore, InputEnd(topics));

        var replay = await Dlq(topics, "replay", "--to", topics.Input, "--reason", "invalid-json");
        var again = await Dlq(topics, "replay", "--to", topics.Input, "--reason", "invalid-json");
        Assert.Equal(0, replay.ExitCode);
        Assert.Contains("replayed 2 ", replay.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("replayed 0 ", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("2 already replayed", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(inputBefore + 2, InputEnd(topics));

        // The fix: the topic carries plain text. The same group goes on from its committed offsets: the replays only.
        await using var text = await RunningWorker.StartAsync(kafka, topics, ("Kafka:InputFormat", "Text"));
        var replayedOutputs = client.Read(topics.Output, 3).Where(r => Header(r.Message, KazNerHeaders.ReplayedFrom) is not null).ToList();
        Assert.Equal(["t1", "t2"], replayedOutputs.Select(r => Encoding.UTF8.GetString(r.Message.Key)).Order(StringComparer.Ordinal));
        var annotated = replayedOutputs.Single(r => Encoding.UTF8.GetString(r.Message.Key) == "t1").Message;
        Assert.Equal("wire", Header(annotated, "origin"));
        Assert.Equal(first.GetProperty("topic").GetString() + "/" + first.GetProperty("partition").GetInt32() + "/" + first.GetProperty("offset").GetInt64(), Header(annotated, KazNerHeaders.ReplayedFrom));
        using var record = JsonDocument.Parse(annotated.Value);
        Assert.Contains(record.RootElement.GetProperty("entities").EnumerateArray(), e => e.GetProperty("type").GetString() == "GPE");

        // Not every dead letter is fixed by reading text: the invalid UTF-8 fails again, and its new dead letter says so.
        var original = Lines((await Dlq(topics, "show", "--reason", "invalid-utf8")).Stdout).Single();
        Assert.Equal(0, (await Dlq(topics, "replay", "--to", topics.Input, "--reason", "invalid-utf8")).ExitCode);
        Assert.Equal(6, client.Read(topics.DeadLetters, 6).Count);
        var failedAgain = Lines((await Dlq(topics, "show", "--reason", "invalid-utf8")).Stdout);
        Assert.Equal(2, failedAgain.Count);
        Assert.Equal(
            $"{topics.DeadLetters}/{original.GetProperty("partition").GetInt32()}/{original.GetProperty("offset").GetInt64()}",
            failedAgain.Single(l => l.TryGetProperty("replayedFrom", out _)).GetProperty("replayedFrom").GetString());
        var after = await Dlq(topics, "stats", "--format", "Jsonl", "--window", "1h");
        using var counts = JsonDocument.Parse(after.Stdout);
        Assert.Equal(6, counts.RootElement.GetProperty("records").GetInt32());
        Assert.Equal(1, counts.RootElement.GetProperty("failedReplays").GetInt32());
    }

    [Fact]
    public async Task Dlq_MissingTopic_OneConfigurationLine()
    {
        var result = await KaznerProcess.RunAsync(null, "dlq", "stats", "--topic", KafkaFixture.Unique("absent"), "--bootstrap-servers", kafka.BootstrapServers);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("kazner: topic 'absent-", result.Stderr, StringComparison.Ordinal);
    }

    private Task<KaznerProcess.Result> Dlq(WorkerTopics topics, string command, params string[] args) =>
        KaznerProcess.RunAsync(null, ["dlq", command, "--bootstrap-servers", kafka.BootstrapServers, "--topic", topics.DeadLetters, .. args]);

    private async Task ProduceBadInputAsync(string input)
    {
        var huge = JsonSerializer.SerializeToUtf8Bytes(new { id = "huge", text = new string('a', 1_080_000) });
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, MessageMaxBytes = 2_000_000 }).Build();
        async Task Send(string key, byte[] value, Headers? headers = null) =>
            await producer.ProduceAsync(input, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(key), Value = value, Headers = headers ?? [] }, TestContext.Current.CancellationToken);
        await Send("t1", Encoding.UTF8.GetBytes(Plain1), new Headers { { "origin", "wire"u8.ToArray() } });
        await Send("t2", Encoding.UTF8.GetBytes(Plain2));
        await Send("bad-utf8", [0x7b, 0x22, 0xff, 0xfe, 0x7d]);
        await Send("no-text", "{\"id\":\"no-text\",\"title\":\"Жаңалық\"}"u8.ToArray());
        await Send("good", Samples.Numbered(0).Value);
        await Send("huge", huge);
    }

    private long InputEnd(WorkerTopics topics) => client.Offsets(topics.Input, KafkaFixture.Unique("probe"), WorkerTopics.Partitions).Sum(p => p.End);

    private static List<JsonElement> Lines(string stdout) =>
        [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    private static string? Header(Message<byte[], byte[]> message, string key) =>
        message.Headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
