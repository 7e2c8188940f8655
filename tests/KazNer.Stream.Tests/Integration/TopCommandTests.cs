using System.Text;
using KazNer.Stream.Tests.Cli;

namespace KazNer.Stream.Tests.Integration;

/// <summary><c>kazner top</c> as a user runs it, over records on a real Kafka protocol peer.</summary>
[Collection(SharedCluster.Name)]
public sealed class TopCommandTests(KafkaFixture kafka)
{
    private readonly KafkaTestClient client = new(kafka.BootstrapServers);

    [Fact]
    public async Task Top_AnnotatedRecordsAndEntityEvents_TablePerTypeCountsEveryFormOfAnEntityOnce()
    {
        var topic = KafkaFixture.Unique("top");
        await kafka.CreateTopicsAsync(1, topic);
        await client.ProduceAsync(topic,
        [
            ("a", Document("a", "2026-03-12T10:00:00.000Z", ("GPE", "Астанада", "Астана"), ("PERSON", "Қасым-Жомарт Тоқаевтың", "Қасым-Жомарт Тоқаев"))),
            ("b", Document("b", "2026-03-12T11:30:00.000Z", ("GPE", "Астанаға", "Астана"), ("GPE", "Алматыда", "Алматы"))),
            ("c", Event("c", "2026-03-12T11:45:00.000Z", "GPE", "Астананың", "Астана")),
            ("not-ours", "{\"hello\":1}"u8.ToArray()),
        ]);

        var all = await KaznerProcess.RunAsync(null, "top", "--topic", topic, "--bootstrap-servers", kafka.BootstrapServers, "--max-records", "3");
        // The broker from a KAZNER_ variable, as `run` reads it, instead of --bootstrap-servers.
        var environment = new Dictionary<string, string> { ["KAZNER_Kafka__BootstrapServers"] = kafka.BootstrapServers };
        var lastHour = await KaznerProcess.RunAsync(null, environment, "top", "--topic", topic, "--max-records", "3", "--window", "1h");

        Assert.Equal(0, all.ExitCode);
        Assert.Matches(@"Астана\s*│\s*3\s*│", all.Stdout);
        Assert.Matches(@"Алматы\s*│\s*1\s*│", all.Stdout);
        Assert.Matches(@"Қасым-Жомарт Тоқаев\s*│\s*1\s*│", all.Stdout);
        Assert.Contains("3 records, 5 mentions", all.Stdout, StringComparison.Ordinal);

        // The 10:00 record is more than an hour before the newest (11:45): its mentions are out.
        Assert.Equal(0, lastHour.ExitCode);
        Assert.Matches(@"Астана\s*│\s*2\s*│", lastHour.Stdout);
        Assert.DoesNotContain("Тоқаев", lastHour.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_BadWindow_OneLineAndConfigurationExitCode()
    {
        var result = await KaznerProcess.RunAsync(null, "top", "--topic", "news.annotated", "--window", "soon");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--window 'soon'", result.Stderr, StringComparison.Ordinal);
    }

    private static byte[] Document(string id, string processedAt, params (string Type, string Text, string Canonical)[] entities)
    {
        var items = entities.Select(e =>
            $"{{\"type\":\"{e.Type}\",\"text\":\"{e.Text}\",\"canonical\":\"{e.Canonical}\",\"key\":\"{e.Type}:{e.Canonical}\",\"start\":0,\"end\":1,\"score\":0.9,\"sentence\":0}}");
        return Encoding.UTF8.GetBytes(
            $"{{\"schema\":\"urn:kazner-stream:schema:annotated-record:v1\",\"id\":\"{id}\",\"processedAt\":\"{processedAt}\",\"entities\":[{string.Join(',', items)}]}}");
    }

    private static byte[] Event(string id, string processedAt, string type, string text, string canonical) => Encoding.UTF8.GetBytes(
        $"{{\"schema\":\"urn:kazner-stream:schema:entity-event:v1\",\"key\":\"{type}:{canonical}\",\"documentId\":\"{id}\",\"processedAt\":\"{processedAt}\",\"type\":\"{type}\",\"text\":\"{text}\",\"canonical\":\"{canonical}\"}}");
}
