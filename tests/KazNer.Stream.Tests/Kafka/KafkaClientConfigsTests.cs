using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Kafka;

namespace KazNer.Stream.Tests.Kafka;

public sealed class KafkaClientConfigsTests
{
    private static KafkaOptions Options() => new()
    {
        BootstrapServers = "localhost:9092",
        GroupId = "g",
        MaxMessageBytes = 3_000_000,
        Properties = { ["client.id"] = "shared", ["linger.ms"] = "50" },
        ConsumerProperties = { ["session.timeout.ms"] = "7000" },
        ProducerProperties = { ["linger.ms"] = "20" },
    };

    [Fact]
    public void Consumer_GetsSharedAndItsOwnProperties_NotTheProducers()
    {
        var config = KafkaClientConfigs.Consumer(Options());

        Assert.Equal("shared", config.Get("client.id"));
        Assert.Equal("7000", config.Get("session.timeout.ms"));
        Assert.Equal("50", config.Get("linger.ms"));
    }

    [Fact]
    public void Producer_OwnPropertiesWinOverShared_AndConsumerOnlyKeysStayOut()
    {
        var config = KafkaClientConfigs.Producer(Options(), transactionalId: null);

        Assert.Equal("shared", config.Get("client.id"));
        Assert.Equal("20", config.Get("linger.ms"));
        Assert.Null(config.Get("session.timeout.ms"));
    }

    [Fact]
    public void MaxMessageBytes_IsTheProducersLimit_AndTheConsumersFetchLimits()
    {
        var options = Options();

        var consumer = KafkaClientConfigs.Consumer(options);
        var producer = KafkaClientConfigs.Producer(options, transactionalId: "t");

        Assert.Equal("3000000", producer.Get("message.max.bytes"));
        Assert.Equal("3000000", consumer.Get("max.partition.fetch.bytes"));
        Assert.Equal("3000000", consumer.Get("message.max.bytes"));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(100 * 1024 * 1024)]
    public void MaxMessageBytes_AtEitherEndOfItsRange_LibrdkafkaBuildsBothClients(int maxMessageBytes)
    {
        var options = Options();
        options.MaxMessageBytes = maxMessageBytes;

        new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(options)).Build().Dispose();
        new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(options, transactionalId: null)).Build().Dispose();
    }

    [Fact]
    public void FetchMaxBytesBelowMaxMessageBytes_IsRefusedByLibrdkafka()
    {
        // librdkafka raises fetch.max.bytes to message.max.bytes by itself; set lower, it refuses the consumer.
        var options = Options();
        options.ConsumerProperties["fetch.max.bytes"] = "2000000";

        var error = Assert.ThrowsAny<Exception>(() => new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(options)).Build().Dispose());

        Assert.Contains("fetch.max.bytes", error.Message, StringComparison.Ordinal);
    }
}
