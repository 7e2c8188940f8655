using KazNer.Stream.Configuration;
using KazNer.Stream.Tests.Deployment;

namespace KazNer.Stream.Tests.Kafka;

public sealed class WorkerOwnedKafkaKeysTests
{
    [Fact]
    public void EachMap_OwnedKeyInAnyCase_OneLineNamingMapKeyAndSetting()
    {
        var options = new KafkaOptions
        {
            Properties = { ["Group.Id"] = "other", ["client.id"] = "mine" },
            ConsumerProperties = { ["max.partition.fetch.bytes"] = "1" },
            ProducerProperties = { ["acks"] = "1", ["linger.ms"] = "20" },
        };

        Assert.Equal(
            [
                "Properties:Group.Id is set by the worker: use Kafka:GroupId",
                "ConsumerProperties:max.partition.fetch.bytes is set by the worker: use Kafka:MaxMessageBytes, which sets the producers' message.max.bytes, the consumer's fetch limits and the dead-letter head together",
                "ProducerProperties:acks is set by the worker: the worker waits for all in-sync replicas (acks=all) before it commits an offset",
            ],
            WorkerOwnedKafkaKeys.Problems(options));
    }

    [Fact]
    public void EveryOwnedKey_IsARowOfTheDocumentedTable()
    {
        var docs = RepositoryFiles.Read("docs/configuration.md");
        var section = docs[docs.IndexOf("## Keys the worker owns", StringComparison.Ordinal)..];
        var rows = section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split('|')[1]).ToList();

        Assert.All(WorkerOwnedKafkaKeys.Keys, key => Assert.Contains(rows, r => r.Contains($"`{key}`", StringComparison.Ordinal)));
    }
}
