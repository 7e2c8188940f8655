using System.Text;
using System.Text.Json;
using KazNer.Core;
using KazNer.Stream.Records;
using KazNer.Stream.Tests.Support;

namespace KazNer.Stream.Tests.Integration;

[Collection(SharedCluster.Name)]
public sealed class WorkerIntegrationTests(KafkaFixture kafka)
{
    private readonly KafkaTestClient client = new(kafka.BootstrapServers);

    [Fact]
    public async Task Run_MixedDocuments_PublishesAnnotationsAndDeadLettersThenCommitsEverything()
    {
        var topics = await WorkerTopics.CreateAsync(kafka);
        var good = Samples.News.Take(12).ToList();
        var bad = new (string Key, byte[] Value)[]
        {
            ("bad-json", "{\"id\": \"bad-json\", \"text\": "u8.ToArray()),
            ("bad-text", "{\"id\": \"bad-text\", \"body\": \"мәтін жоқ\"}"u8.ToArray()),
            ("bad-utf8", [0x7B, 0xFF, 0xFE, 0x7D]),
        };
        await client.ProduceAsync(topics.Input, [.. good.Select(g => (g.Id, g.Value)), .. bad]);

        await using (await RunningWorker.StartAsync(kafka, topics))
        {
            var outputs = client.Read(topics.Output, good.Count);
            var deadLetters = client.Read(topics.DeadLetters, bad.Length);

            Assert.Equal(good.Select(g => g.Id).Order(), outputs.Select(o => Encoding.UTF8.GetString(o.Message.Key)).Order());
            var expected = TestEngine.Instance.Annotate([.. good.Select(g => new NerDocument(g.Id, g.Text))], cancellationToken: TestContext.Current.CancellationToken).ToDictionary(a => a.Id);
            foreach (var output in outputs)
            {
                var id = Encoding.UTF8.GetString(output.Message.Key);
                using var record = RecordSchema.AssertValid(output.Message.Value, good.Single(g => g.Id == id).Text);
                var entities = record.RootElement.GetProperty("entities").EnumerateArray()
                    .Select(e => (e.GetProperty("type").GetString(), e.GetProperty("start").GetInt32(), e.GetProperty("end").GetInt32()));
                Assert.Equal(expected[id].Entities.Select(e => ((string?)e.Type, e.Start, e.End)), entities);
                Assert.Equal(topics.Input, record.RootElement.GetProperty("source").GetProperty("topic").GetString());
            }

            Assert.Equal(bad.Select(b => b.Key).Order(), deadLetters.Select(d => Encoding.UTF8.GetString(d.Message.Key)).Order());
            foreach (var letter in deadLetters)
            {
                Assert.Equal(bad.Single(b => b.Key == Encoding.UTF8.GetString(letter.Message.Key)).Value, letter.Message.Value);
                Assert.True(letter.Message.Headers.TryGetLastBytes(KazNerHeaders.Error, out _));
                Assert.True(letter.Message.Headers.TryGetLastBytes(KazNerHeaders.Stage, out _));
            }
        }

        Assert.All(client.Offsets(topics.Input, topics.Group, WorkerTopics.Partitions), p => Assert.Equal(p.End, p.Committed));
    }

    [Fact]
    public async Task Run_SecondWorkerJoinsAndLeaves_NoDocumentIsLostAndOffsetsAreCommittedToTheEnd()
    {
        var topics = await WorkerTopics.CreateAsync(kafka);
        await client.ProduceAsync(topics.Input, Numbered(0, 30));

        await using (var first = await RunningWorker.StartAsync(kafka, topics))
        {
            Assert.NotEmpty(client.Read(topics.Output, 5));
            await using (var second = await RunningWorker.StartAsync(kafka, topics))
            {
                // Only a member that got partitions has rebalanced the group; one stopped while joining has not.
                await Eventually.TrueAsync(
                    () => second.AssignedPartitions > 0 && first.AssignedPartitions + second.AssignedPartitions == WorkerTopics.Partitions,
                    "the second worker owns some partitions and the first the rest");
                await client.ProduceAsync(topics.Input, Numbered(30, 30));
                Assert.True(client.Read(topics.Output, 50).Count >= 50);
            }

            await Eventually.TrueAsync(() => first.AssignedPartitions == WorkerTopics.Partitions, "the first worker owns every partition again");
            await client.ProduceAsync(topics.Input, Numbered(60, 30));
            var ids = client.ReadUntil(topics.Output, read => read.Select(o => Encoding.UTF8.GetString(o.Message.Key)).Distinct().Count() >= 90, seconds: 60)
                .Select(o => Encoding.UTF8.GetString(o.Message.Key)).ToHashSet();
            Assert.Equal(Enumerable.Range(0, 90).Select(i => $"doc-{i:D4}"), ids.Order());

            // Committed by the running worker after both rebalances, not only by the final commit at shutdown.
            await Eventually.TrueAsync(
                () => client.Offsets(topics.Input, topics.Group, WorkerTopics.Partitions).All(p => p.Committed == p.End),
                "the running worker commits every partition to its end",
                seconds: 15);
        }

        Assert.All(client.Offsets(topics.Input, topics.Group, WorkerTopics.Partitions), p => Assert.Equal(p.End, p.Committed));
    }

    [Fact]
    public async Task Run_ExactlyOnce_PublishesEachRecordOnceAndCommitsInTheTransaction()
    {
        Assert.SkipUnless(kafka.IsRealBroker, KafkaFixture.MockLimitation);
        var topics = await WorkerTopics.CreateAsync(kafka);
        await client.ProduceAsync(topics.Input, Numbered(0, 20));

        await using (await RunningWorker.StartAsync(kafka, topics, ("Kafka:Delivery", "ExactlyOnce")))
        {
            Assert.Equal(20, client.Read(topics.Output, 20).Count);
        }

        Assert.Equal(20, client.Read(topics.Output, 21, seconds: 5).Count);
        Assert.All(client.Offsets(topics.Input, topics.Group, WorkerTopics.Partitions), p => Assert.Equal(p.End, p.Committed));
    }

    private static IEnumerable<(string Key, byte[] Value)> Numbered(int from, int count) =>
        Enumerable.Range(from, count).Select(i => Samples.Numbered(i)).Select(d => (d.Id, d.Value));
}
