using System.Text;
using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Kafka;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using System.Diagnostics.Metrics;

namespace KazNer.Stream.Tests.Integration;

[Collection(SharedCluster.Name)]
public sealed class TransactionalSinkTests(KafkaFixture kafka)
{
    [Fact]
    public async Task AbortFor_LostPartition_DropsItsUnitAndCommitsTheOthersInTheNextTransaction()
    {
        var topics = await WorkerTopics.CreateAsync(kafka);
        var options = new KafkaOptions
        {
            BootstrapServers = kafka.BootstrapServers,
            InputTopic = topics.Input,
            OutputTopic = topics.Output,
            GroupId = topics.Group,
            Properties = { ["transactional.id"] = KafkaFixture.Unique("txn") },
        };
        using var consumer = JoinedConsumer(topics);
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new StreamMetrics(services.GetRequiredService<IMeterFactory>(), new FlowControl(new PipelineOptions()));
        var time = new FakeTimeProvider();
        using var clientLog = new KafkaClientLog(NullLogger<KafkaClientLog>.Instance, metrics, time);
        // The fake clock keeps the sink's commit timer still, so the transaction is open when the partition is lost.
        using var sink = new TransactionalRecordSink(options, () => consumer.ConsumerGroupMetadata, clientLog, time, NullLogger.Instance);
        var lost = new TopicPartition(topics.Input, 0);
        var kept = new TopicPartition(topics.Input, 1);

        var lostUnit = sink.DeliverAsync(Unit(topics.Output, "lost"), Source(lost), TestContext.Current.CancellationToken);
        var keptUnit = sink.DeliverAsync(Unit(topics.Output, "kept"), Source(kept), TestContext.Current.CancellationToken);
        sink.AbortFor([lost]);

        Assert.IsType<DeliveryOutcome.Dropped>(await lostUnit.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.False(keptUnit.IsCompleted);
        sink.Commit(TimeSpan.FromSeconds(30));
        var outcome = await keptUnit.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(outcome is DeliveryOutcome.Delivered, outcome is DeliveryOutcome.Fatal f ? f.Error.ToString() : outcome.ToString());
        var read = new KafkaTestClient(kafka.BootstrapServers).Read(topics.Output, 1).Select(r => Encoding.UTF8.GetString(r.Message.Value));
        Assert.Contains("kept", read);
    }

    private IConsumer<byte[], byte[]> JoinedConsumer(WorkerTopics topics)
    {
        var config = new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = topics.Group, AutoOffsetReset = AutoOffsetReset.Earliest };
        foreach (var (key, value) in kafka.WorkerSettings)
        {
            config.Set(key.Replace("Kafka:Properties:", "", StringComparison.Ordinal), value);
        }

        var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Subscribe(topics.Input);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); consumer.Assignment.Count == 0 && DateTime.UtcNow < deadline;)
        {
            consumer.Consume(TimeSpan.FromMilliseconds(100));
        }

        Assert.NotEmpty(consumer.Assignment);
        return consumer;
    }

    private static OutboundUnit Unit(string topic, string value) =>
        OutboundUnit.Of(new OutboundRecord(topic, null, Encoding.UTF8.GetBytes(value), [], IsDeadLetter: false));

    private static SourceMessage Source(TopicPartition partition) =>
        new(new TopicPartitionOffset(partition, 0), null, [], [], DateTimeOffset.UnixEpoch);
}
