using KazNer.Stream.Configuration;
using KazNer.Stream.Kafka;

namespace KazNer.Stream.Tests.Kafka;

public sealed class KafkaClientConfigsTests
{
    private static KafkaOptions Options() => new()
    {
        BootstrapServers = "localhost:9092",
        GroupId = "g",
        Properties = { ["client.id"] = "shared", ["linger.ms"] = "50" },
        ConsumerProperties = { ["session.timeout.ms"] = "7000" },
        ProducerProperties = { ["linger.ms"] = "20", ["message.max.bytes"] = "2000000" },
    };

    [Fact]
    public void Consumer_GetsSharedAndItsOwnProperties_NotTheProducers()
    {
        var config = KafkaClientConfigs.Consumer(Options());

        Assert.Equal("shared", config.Get("client.id"));
        Assert.Equal("7000", config.Get("session.timeout.ms"));
        Assert.Null(config.Get("message.max.bytes"));
    }

    [Fact]
    public void Producer_OwnPropertiesWinOverShared_AndConsumerOnlyKeysStayOut()
    {
        var options = Options();

        var config = KafkaClientConfigs.Producer(options, transactionalId: null);

        Assert.Equal("shared", config.Get("client.id"));
        Assert.Equal("20", config.Get("linger.ms"));
        Assert.Null(config.Get("session.timeout.ms"));
        Assert.Equal(2_000_000, options.ProducerMaxMessageBytes);
    }
}
