using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Kafka;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;
using KazNer.Stream.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KazNer.Stream.Tests.Integration;

[Collection(SharedCluster.Name)]
public sealed class TransactionalSinkTests(KafkaFixture kafka)
{
    [Fact]
    public async Task AbortFor_LostPartition_DropsItsUnitAndCommitsTheOthersInTheNextTransaction()
    {
        await using var harness = await Harness.StartAsync(kafka, this);
        var lost = new TopicPartition(harness.Topics.Input, 0);
        var kept = new TopicPartition(harness.Topics.Input, 1);

        var lostUnit = harness.Sink.DeliverAsync(Unit(harness.Topics.Output, "lost"), Source(lost), TestContext.Current.CancellationToken);
        var keptUnit = harness.Sink.DeliverAsync(Unit(harness.Topics.Output, "kept"), Source(kept), TestContext.Current.CancellationToken);
        harness.Sink.AbortFor([lost]);

        Assert.IsType<DeliveryOutcome.Dropped>(await lostUnit.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.False(keptUnit.IsCompleted);
        harness.Sink.Commit(TimeSpan.FromSeconds(30));
        await AssertDeliveredAsync(keptUnit);
        Assert.Contains("kept", harness.ReadOutputUntil("kept"));
    }

    [Fact]
    public async Task Commit_BrokerRefusesOneUnitsRecords_RejectsThatUnitAndCommitsTheOthersInTheNextTransaction()
    {
        Assert.SkipWhen(kafka.IsRealBroker, KafkaFixture.NeedsFaultInjection);
        await using var harness = await Harness.StartAsync(kafka, this);
        var partition = new TopicPartition(harness.Topics.Input, 0);

        kafka.RefuseNextProduce();
        var refused = harness.Sink.DeliverAsync(Unit(harness.Topics.Output, "refused"), Source(partition, 0), TestContext.Current.CancellationToken);
        // Long enough for the refused record's own Produce request to be answered before the next record is sent.
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var accepted = harness.Sink.DeliverAsync(Unit(harness.Topics.Output, "accepted"), Source(partition, 1), TestContext.Current.CancellationToken);
        harness.Sink.Commit(TimeSpan.FromSeconds(30));

        var rejection = Assert.IsType<DeliveryOutcome.Rejected>(await refused.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.Contains("InvalidRecord", rejection.Reason.Detail, StringComparison.Ordinal);
        Assert.False(accepted.IsCompleted, "the other unit waits for the next transaction");
        harness.Sink.Commit(TimeSpan.FromSeconds(30));
        await AssertDeliveredAsync(accepted);
        Assert.Contains("accepted", harness.ReadOutput());
    }

    [Fact]
    public async Task Commit_TransactionFailsForNoneOfItsRecords_ProducesThemAgainAndCommitsAtOnce()
    {
        Assert.SkipWhen(kafka.IsRealBroker, KafkaFixture.NeedsFaultInjection);
        await using var harness = await Harness.StartAsync(kafka, this);
        var partition = new TopicPartition(harness.Topics.Input, 0);
        var first = harness.Sink.DeliverAsync(Unit(harness.Topics.Output, "first"), Source(partition, 0), TestContext.Current.CancellationToken);
        var second = harness.Sink.DeliverAsync(Unit(harness.Topics.Output, "second"), Source(partition, 1), TestContext.Current.CancellationToken);

        kafka.FailNextTransactionCommit();
        harness.Sink.Commit(TimeSpan.FromSeconds(30));

        await AssertDeliveredAsync(first);
        await AssertDeliveredAsync(second);
        Assert.Equal(["first", "second"], harness.ReadOutputUntil("first", "second").Distinct().Order());
    }

    [Fact]
    public async Task Commit_AnEarlierRecordWithoutOutcome_HoldsBackItsPartitionsPosition()
    {
        await using var harness = await Harness.StartAsync(kafka, this);
        var partition = new TopicPartition(harness.Topics.Input, 0);
        // Offset 0 stands for a record whose dead letter waits out a retry back-off: consumed, no outcome yet.
        var waiting = harness.Admit(partition, 0);
        var later = harness.Admit(partition, 1);
        var laterUnit = harness.Sink.DeliverAsync(Unit(harness.Topics.Output, "later"), later.Source, TestContext.Current.CancellationToken);

        harness.Sink.Commit(TimeSpan.FromSeconds(30));
        await AssertDeliveredAsync(laterUnit);
        harness.Offsets.Ledger.Acknowledge(later);
        Assert.Equal((long?)null, harness.CommittedPosition(partition));

        var letter = harness.Sink.DeliverAsync(Unit(harness.Topics.Output, "letter"), waiting.Source, TestContext.Current.CancellationToken);
        harness.Sink.Commit(TimeSpan.FromSeconds(30));
        await AssertDeliveredAsync(letter);
        harness.Offsets.Ledger.Acknowledge(waiting);
        Assert.Equal(2, harness.CommittedPosition(partition));
    }

    private static async Task AssertDeliveredAsync(Task<DeliveryOutcome> unit)
    {
        var outcome = await unit.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(outcome is DeliveryOutcome.Delivered, outcome is DeliveryOutcome.Fatal f ? f.Error.ToString() : outcome.ToString());
    }

    /// <summary>A transactional sink over fresh topics, with a consumer joined to the group whose offsets it sends.</summary>
    private sealed class Harness : IAsyncDisposable
    {
        private readonly KafkaFixture kafka;
        private readonly IConsumer<byte[], byte[]> consumer;
        private readonly ServiceProvider services;
        private readonly KafkaClientLog clientLog;

        private Harness(KafkaFixture kafka, WorkerTopics topics, IConsumer<byte[], byte[]> consumer, ServiceProvider services)
        {
            this.kafka = kafka;
            this.consumer = consumer;
            this.services = services;
            Topics = topics;
            var options = new KafkaOptions
            {
                BootstrapServers = kafka.BootstrapServers,
                InputTopic = topics.Input,
                OutputTopic = topics.Output,
                GroupId = topics.Group,
            };
            var metrics = new StreamMetrics(services.GetRequiredService<IMeterFactory>(), new FlowControl(new PipelineOptions()));
            // The fake clock keeps the sink's commit timer still: transactions end only when a test says so.
            var time = new FakeTimeProvider();
            clientLog = new KafkaClientLog(NullLogger<KafkaClientLog>.Instance, metrics, time);
            Offsets = new OffsetCommitter(new InFlightLedger(new FlowControl(new PipelineOptions())), NullLogger<OffsetCommitter>.Instance);
            Sink = new TransactionalRecordSink(options, () => consumer.ConsumerGroupMetadata, Offsets, clientLog, time, NullLogger.Instance);
        }

        public WorkerTopics Topics { get; }

        public OffsetCommitter Offsets { get; }

        /// <summary>A consumed record, in the ledger as the consume loop would put it.</summary>
        public InFlightDocument Admit(TopicPartition partition, long offset)
        {
            var document = new InFlightDocument(Source(partition, offset), 0);
            Offsets.Ledger.Admit(document);
            return document;
        }

        /// <summary>The position the sink's transactions have committed for the partition, if any.</summary>
        public long? CommittedPosition(TopicPartition partition) => Offsets.Ledger.Committed(partition);

        public TransactionalRecordSink Sink { get; }

        public static async Task<Harness> StartAsync(KafkaFixture kafka, TransactionalSinkTests tests)
        {
            var topics = await WorkerTopics.CreateAsync(kafka);
            return new Harness(kafka, topics, tests.JoinedConsumer(topics), new ServiceCollection().AddMetrics().BuildServiceProvider());
        }

        public IReadOnlyList<string> ReadOutput(int expected = 1) =>
            [.. new KafkaTestClient(kafka.BootstrapServers).Read(Topics.Output, expected).Select(r => Encoding.UTF8.GetString(r.Message.Value))];

        /// <summary>Reads the output until every one of <paramref name="values"/> was seen (or the deadline): the mock
        /// does not filter aborted records, so copies from an aborted transaction may come first.</summary>
        public IReadOnlyList<string> ReadOutputUntil(params string[] values) =>
            [.. new KafkaTestClient(kafka.BootstrapServers)
                .ReadUntil(Topics.Output, results => values.All(v => results.Any(r => Encoding.UTF8.GetString(r.Message.Value) == v)))
                .Select(r => Encoding.UTF8.GetString(r.Message.Value))];

        public async ValueTask DisposeAsync()
        {
            Sink.Dispose();
            clientLog.Dispose();
            consumer.Dispose();
            await services.DisposeAsync();
        }
    }

    private IConsumer<byte[], byte[]> JoinedConsumer(WorkerTopics topics)
    {
        var config = new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = topics.Group, AutoOffsetReset = AutoOffsetReset.Earliest };
        foreach (var (key, value) in kafka.WorkerSettings)
        {
            config.Set(key[(key.LastIndexOf(':') + 1)..], value);
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

    private static SourceMessage Source(TopicPartition partition, long offset = 0) =>
        new(new TopicPartitionOffset(partition, offset), null, [], [], DateTimeOffset.UnixEpoch);
}
