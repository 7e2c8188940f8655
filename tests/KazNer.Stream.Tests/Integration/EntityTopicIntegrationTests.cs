using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using KazNer.Stream.Tests.Support;

namespace KazNer.Stream.Tests.Integration;

/// <summary>Kafka:EntityTopic on a real Kafka protocol peer: one event per mention, delivered with its document.</summary>
[Collection(SharedCluster.Name)]
public sealed class EntityTopicIntegrationTests(KafkaFixture kafka)
{
    private readonly KafkaTestClient client = new(kafka.BootstrapServers);

    [Fact]
    public async Task Run_WithEntityTopic_PublishesOneEventPerMentionKeyedByEntityKey_AndCommitsEverything()
    {
        var (topics, entityTopic, documents) = await ProduceAsync(8);

        await using (await RunningWorker.StartAsync(kafka, topics, ("Kafka:EntityTopic", entityTopic)))
        {
            AssertEventsMatchDocuments(topics, entityTopic, documents);
        }

        Assert.All(client.Offsets(topics.Input, topics.Group, WorkerTopics.Partitions), p => Assert.Equal(p.End, p.Committed));
    }

    [Fact]
    public async Task Run_ExactlyOnceWithEntityTopic_PublishesDocumentsAndEventsInTheTransaction()
    {
        var (topics, entityTopic, documents) = await ProduceAsync(6);

        await using (await RunningWorker.StartAsync(kafka, topics, ("Kafka:EntityTopic", entityTopic), ("Kafka:Delivery", "ExactlyOnce")))
        {
            AssertEventsMatchDocuments(topics, entityTopic, documents);
        }

        if (kafka.IsRealBroker)
        {
            // The mock cluster does not store transactional offsets (KafkaFixture.MockLimitation).
            Assert.All(client.Offsets(topics.Input, topics.Group, WorkerTopics.Partitions), p => Assert.Equal(p.End, p.Committed));
        }
    }

    private async Task<(WorkerTopics Topics, string EntityTopic, IReadOnlyList<(string Id, string Text, byte[] Value)> Documents)> ProduceAsync(int count)
    {
        var topics = await WorkerTopics.CreateAsync(kafka);
        var entityTopic = topics.Input + ".entities";
        await kafka.CreateTopicsAsync(WorkerTopics.Partitions, entityTopic);
        var documents = Samples.News.Take(count).ToList();
        await client.ProduceAsync(topics.Input, documents.Select(d => (d.Id, d.Value)));
        return (topics, entityTopic, documents);
    }

    private void AssertEventsMatchDocuments(WorkerTopics topics, string entityTopic, IReadOnlyList<(string Id, string Text, byte[] Value)> documents)
    {
        var outputs = client.Read(topics.Output, documents.Count);
        Assert.Equal(documents.Count, outputs.Count);
        var mentions = new Dictionary<(string Id, int Index), (JsonElement Entity, JsonElement Source)>();
        foreach (var output in outputs)
        {
            var id = Encoding.UTF8.GetString(output.Message.Key);
            var record = RecordSchema.AssertValid(output.Message.Value, documents.Single(d => d.Id == id).Text).RootElement;
            var index = 0;
            foreach (var entity in record.GetProperty("entities").EnumerateArray())
            {
                mentions[(id, index++)] = (entity, record.GetProperty("source"));
            }
        }

        Assert.True(mentions.Count > documents.Count, $"only {mentions.Count} entities in {documents.Count} sample documents");
        var events = client.Read(entityTopic, mentions.Count);

        // Nothing more arrives: one event per mention, not one per delivery attempt.
        Assert.Equal(mentions.Count, client.Read(entityTopic, mentions.Count + 1, seconds: 3).Count);
        var seen = new HashSet<(string, int)>();
        foreach (var entityEvent in events)
        {
            var root = EntityEventSchema.AssertValid(entityEvent.Message.Value, TextOf(documents, entityEvent)).RootElement;
            var id = root.GetProperty("documentId").GetString()!;
            var index = root.GetProperty("index").GetInt32();
            Assert.True(seen.Add((id, index)), $"{id}#{index} twice");
            var (entity, source) = mentions[(id, index)];
            Assert.Equal(entity.GetProperty("key").GetString(), Encoding.UTF8.GetString(entityEvent.Message.Key));
            foreach (var member in new[] { "key", "type", "text", "canonical" })
            {
                Assert.Equal(entity.GetProperty(member).GetString(), root.GetProperty(member).GetString());
            }

            foreach (var member in new[] { "start", "end", "sentence" })
            {
                Assert.Equal(entity.GetProperty(member).GetInt32(), root.GetProperty(member).GetInt32());
            }

            Assert.Equal(source.GetProperty("offset").GetInt64(), root.GetProperty("source").GetProperty("offset").GetInt64());
            Assert.Equal(topics.Input, root.GetProperty("source").GetProperty("topic").GetString());
        }
    }

    private static string TextOf(IReadOnlyList<(string Id, string Text, byte[] Value)> documents, ConsumeResult<byte[], byte[]> entityEvent)
    {
        using var json = JsonDocument.Parse(entityEvent.Message.Value);
        var id = json.RootElement.GetProperty("documentId").GetString();
        return documents.Single(d => d.Id == id).Text;
    }
}
