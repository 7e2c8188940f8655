using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using KazNer.Stream.Records;
using KazNer.Stream.Tests.Support;

namespace KazNer.Stream.Tests.Integration;

[Collection(SharedCluster.Name)]
public sealed class PoisonAndHealthTests(KafkaFixture kafka)
{
    private readonly KafkaTestClient client = new(kafka.BootstrapServers);

    [Fact]
    public async Task Run_DocumentOverTheProducerLimit_IsDeadLetteredCutToFitAndTheDocumentsBehindItFlow()
    {
        var topics = await WorkerTopics.CreateAsync(kafka);
        // 1.08 MB: over Kafka:MaxMessageBytes (1 MiB), which is also the producers' message.max.bytes.
        var huge = JsonSerializer.SerializeToUtf8Bytes(new { id = "huge", text = new string('a', 1_080_000) });
        var behind = Enumerable.Range(0, 5).Select(i => Samples.Numbered(i)).ToList();
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, MessageMaxBytes = 2_000_000 }).Build())
        {
            var partition = new TopicPartition(topics.Input, 0);
            await producer.ProduceAsync(partition, new Message<byte[], byte[]> { Key = "huge"u8.ToArray(), Value = huge }, TestContext.Current.CancellationToken);
            foreach (var (id, _, value) in behind)
            {
                await producer.ProduceAsync(partition, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(id), Value = value }, TestContext.Current.CancellationToken);
            }
        }

        await using var worker = await RunningWorker.StartAsync(kafka, topics);

        Assert.Equal(behind.Count, client.Read(topics.Output, behind.Count).Count);
        var letter = Assert.Single(client.Read(topics.DeadLetters, 1)).Message;
        Assert.Equal("too-large", Header(letter, KazNerHeaders.Error));
        Assert.Equal(huge.Length.ToString(CultureInfo.InvariantCulture), Header(letter, KazNerHeaders.OriginalBytes));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(huge)), Header(letter, KazNerHeaders.OriginalSha256));
        Assert.Equal(letter.Value.Length.ToString(CultureInfo.InvariantCulture), Header(letter, KazNerHeaders.KeptBytes));
        // Cut to fit 1 MiB with its key and headers (a few hundred bytes).
        Assert.InRange(letter.Value.Length, 1_047_000, 1_048_576);
        Assert.Equal(huge[..letter.Value.Length], letter.Value);
        await Eventually.TrueAsync(
            () => client.Offsets(topics.Input, topics.Group, WorkerTopics.Partitions)[0] is var p && p.Committed == p.End,
            "the partition committed to its end");
        Assert.Equal(0, worker.ExitCode);
    }

    [Fact]
    public async Task Readyz_NoBrokerReachable_FailsAfterTheThresholdWhileHealthzStaysUp()
    {
        var topics = new WorkerTopics("news", "news.annotated", "news.dlq", KafkaFixture.Unique("group"));
        var closedPort = ClosedPort();
        await using var worker = await RunningWorker.StartAsync(
            kafka,
            topics,
            ("Kafka:BootstrapServers", $"127.0.0.1:{closedPort}"),
            ("Pipeline:BrokerUnreachableSeconds", "2"),
            ("Kafka:Properties:statistics.interval.ms", "500"));
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };

        await Eventually.TrueAsync(
            () =>
            {
                using var response = http.GetAsync(new Uri("/readyz", UriKind.Relative)).GetAwaiter().GetResult();
                return response.StatusCode == HttpStatusCode.ServiceUnavailable;
            },
            "/readyz reports the unreachable broker",
            seconds: 20);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(0, worker.ExitCode);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Header(Message<byte[], byte[]> message, string key) =>
        message.Headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
