using KazNer.Stream.Cli;
using KazNer.Stream.Configuration;
using KazNer.Stream.Kafka;

namespace KazNer.Stream.Tests.Kafka;

/// <summary>The settings of `top` and `dlq`: the sources `run` reads, down to the librdkafka configuration.</summary>
public sealed class ToolClientConfigsTests
{
    private static readonly string[] SecureCluster =
    [
        "--Kafka:BootstrapServers=broker-1:9093", "--Kafka:SecurityProtocol", "SaslSsl", "--Kafka:SaslMechanism=ScramSha512",
        "--Kafka:SaslUsername=kazner", "--Kafka:SaslPassword=secret", "--Kafka:Properties:ssl.ca.location=/etc/kafka/ca.pem",
        "--Kafka:ProducerProperties:linger.ms=7",
    ];

    [Fact]
    public void Load_SecuritySettingsAsArguments_ReachTheConsumerAndTheProducer()
    {
        var options = KafkaToolSettings.Load(SecureCluster, bootstrapServers: null);

        var consumer = ToolClientConfigs.Consumer(options, "top");
        var producer = ToolClientConfigs.Producer(options);

        foreach (var config in new Confluent.Kafka.ClientConfig[] { consumer, producer })
        {
            Assert.Equal("broker-1:9093", config.Get("bootstrap.servers"));
            Assert.Equal("sasl_ssl", config.Get("security.protocol"));
            Assert.Equal("SCRAM-SHA-512", config.Get("sasl.mechanism"));
            Assert.Equal("kazner", config.Get("sasl.username"));
            Assert.Equal("secret", config.Get("sasl.password"));
            Assert.Equal("/etc/kafka/ca.pem", config.Get("ssl.ca.location"));
        }

        Assert.Equal("7", producer.Get("linger.ms"));
        Assert.Null(consumer.Get("linger.ms"));
    }

    [Fact]
    public void Load_BootstrapShortcut_WinsOverTheSetting()
    {
        var options = KafkaToolSettings.Load(SecureCluster, bootstrapServers: "other:9092");

        Assert.Equal("other:9092", ToolClientConfigs.Consumer(options, "dlq").Get("bootstrap.servers"));
    }

    [Fact]
    public void Load_KeysTheWorkerOwns_AreRefusedAsRunRefusesThem()
    {
        var problems = Assert.Throws<SettingsException>(() => KafkaToolSettings.Load(
            ["--Kafka:ConsumerProperties:group.id=kazner-stream", "--Kafka:ProducerProperties:transactional.id=worker-0"], null)).Problems;

        Assert.Contains(problems, p => p.Contains("ConsumerProperties:group.id", StringComparison.Ordinal) && p.Contains("use Kafka:GroupId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ProducerProperties:transactional.id", StringComparison.Ordinal));
    }

    [Fact]
    public void Consumer_TheWorkersGroupId_ToolStillReadsInAGroupOfItsOwnAndNeverCommits()
    {
        var options = KafkaToolSettings.Load(["--Kafka:GroupId=kazner-stream"], null);

        var config = ToolClientConfigs.Consumer(options, "dlq");

        Assert.StartsWith("kazner-dlq-", config.GroupId, StringComparison.Ordinal);
        Assert.False(config.EnableAutoCommit);
        Assert.Equal(KafkaToolSettings.DefaultBootstrapServers, config.BootstrapServers);
    }

    [Fact]
    public void Producer_UnderExactlyOnce_ReplayProducerIsIdempotentNotTransactional()
    {
        var options = KafkaToolSettings.Load(["--Kafka:Delivery=ExactlyOnce", "--Kafka:GroupId=kazner-stream"], null);

        var config = ToolClientConfigs.Producer(options);

        Assert.Null(config.TransactionalId);
        Assert.True(config.EnableIdempotence);
        Assert.Equal(Confluent.Kafka.Acks.All, config.Acks);
    }

    [Theory]
    [InlineData("--Kafka:SecurityProtocol=Tls", "Kafka:SecurityProtocol")]
    [InlineData("--Kafka:MaxMessageBytes=lots", "Kafka:MaxMessageBytes 'lots'")]
    [InlineData("--Model:Device=Cpu", "'--Model:Device=Cpu'")]
    [InlineData("--bootstrap-server=typo:9092", "'--bootstrap-server=typo:9092'")]
    public void Load_BadSettingOrUnknownArgument_ProblemNamesIt(string argument, string named)
    {
        var problem = Assert.Single(Assert.Throws<SettingsException>(() => KafkaToolSettings.Load([argument], null)).Problems);

        Assert.Contains(named, problem, StringComparison.Ordinal);
    }
}
