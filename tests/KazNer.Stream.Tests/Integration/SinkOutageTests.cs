using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Kafka;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;
using KazNer.Stream.Telemetry;
using KazNer.Stream.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KazNer.Stream.Tests.Integration;

[Collection(SharedCluster.Name)]
public sealed class SinkOutageTests(KafkaFixture kafka)
{
    private const int Documents = 40;
    private const int MaxInFlight = 10;
    private readonly KafkaTestClient client = new(kafka.BootstrapServers);

    [Fact]
    public async Task Run_OutputTopicFailing_PausesWithBoundedMemoryAndCommitsOnlyWhatWasDelivered()
    {
        Assert.SkipWhen(kafka.IsRealBroker, KafkaFixture.NeedsFaultInjection);
        var topics = await WorkerTopics.CreateAsync(kafka);
        // Produced before the outage, which fails this test's own producer as well.
        await client.ProduceAsync(topics.Input, Enumerable.Range(0, Documents).Select(i => Samples.Numbered(i)).Select(d => (d.Id, d.Value)));
        kafka.FailProduce();
        try
        {
            await using var worker = await RunningWorker.StartAsync(
                kafka,
                topics,
                ("Pipeline:MaxDocumentsInFlight", $"{MaxInFlight}"),
                // librdkafka would retry a retriable error until the default 300 s; failing a delivery after a
                // second hands it to the worker's retry and circuit-breaker pipeline.
                ("Kafka:Properties:message.timeout.ms", "1000"));
            await Eventually.TrueAsync(() => worker.SinkDown, "the circuit breaker opens on the failing output topic");

            // The outage must hold its invariants for a while, not just at one instant.
            for (var until = DateTime.UtcNow.AddSeconds(1.5); DateTime.UtcNow < until; await Task.Delay(100, TestContext.Current.CancellationToken))
            {
                // The worker's own state, which the kazner_consumer_paused and kazner_documents_in_flight gauges
                // report (their export is checked by the metrics integration test).
                Assert.True(worker.ConsumptionPaused, "consumption is not paused while the output topic fails");
                Assert.InRange(worker.DocumentsInFlight, 0, MaxInFlight);
                // Nothing reached the output topic, so nothing may be committed.
                Assert.All(client.Offsets(topics.Output, topics.Group, WorkerTopics.Partitions), p => Assert.Equal(0, p.End));
                Assert.All(client.Offsets(topics.Input, topics.Group, WorkerTopics.Partitions), p => Assert.True(p.Committed < 0, $"partition {p.Partition} committed {p.Committed}"));
            }

            kafka.RestoreProduce();
            var outputs = client.ReadUntil(topics.Output, read => read.Select(o => Encoding.UTF8.GetString(o.Message.Key)).Distinct().Count() >= Documents, seconds: 30);

            var byId = outputs.GroupBy(o => Encoding.UTF8.GetString(o.Message.Key)).ToList();
            Assert.Equal(Enumerable.Range(0, Documents).Select(i => $"doc-{i:D4}"), byId.Select(g => g.Key).Order());
            Assert.All(byId, g => Assert.All(g, o => Assert.Equal(g.First().Message.Value, o.Message.Value)));
            await Eventually.TrueAsync(
                () => client.Offsets(topics.Input, topics.Group, WorkerTopics.Partitions).All(p => p.Committed == p.End),
                "every partition committed to its end once the output topic is back",
                seconds: 15);
        }
        finally
        {
            kafka.RestoreProduce();
        }
    }

    [Fact]
    public async Task FlushAsync_OutputTopicFailing_ReturnsWithinItsTimeout()
    {
        Assert.SkipWhen(kafka.IsRealBroker, KafkaFixture.NeedsFaultInjection);
        var topics = await WorkerTopics.CreateAsync(kafka);
        var options = new KafkaOptions { BootstrapServers = kafka.BootstrapServers, InputTopic = topics.Input, OutputTopic = topics.Output };
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var flow = new FlowControl(new PipelineOptions());
        var metrics = new StreamMetrics(services.GetRequiredService<IMeterFactory>(), flow);
        using var clientLog = new KafkaClientLog(NullLogger<KafkaClientLog>.Instance, metrics, TimeProvider.System);
        var resilience = ProduceResilience.Output(flow, TimeProvider.System, NullLogger.Instance);
        using var sink = new KafkaRecordSink(options, resilience, clientLog, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        kafka.FailProduce();
        try
        {
            var record = new OutboundRecord(topics.Output, null, "x"u8.ToArray(), [], IsDeadLetter: false);
            var source = new SourceMessage(new TopicPartitionOffset(topics.Input, 0, 0), null, [], [], DateTimeOffset.UnixEpoch);
            var sending = sink.DeliverAsync(OutboundUnit.Of(record), source, stop.Token);

            var watch = Stopwatch.StartNew();
            await sink.FlushAsync(TimeSpan.FromSeconds(1));

            // librdkafka would hold the record for message.timeout.ms (30 s) before giving up on it.
            Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
            Assert.False(sending.IsCompleted);
            await stop.CancelAsync();
        }
        finally
        {
            kafka.RestoreProduce();
        }
    }
}
