using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using KazNer.Stream.Records;
using KazNer.Stream.Tests.Cli;
using KazNer.Stream.Tests.Integration;
using KazNer.Stream.Tests.Support;
using KazNer.Testing;

namespace KazNer.Stream.Tests.Telemetry;

/// <summary>A `kazner run` process configured by the standard OTEL_* variables, exporting to a real OTLP/HTTP receiver.</summary>
[Collection(SharedCluster.Name)]
public sealed class TraceExportTests(KafkaFixture kafka)
{
    [Fact]
    public async Task Run_OtlpEndpointSet_ItsSpanReachesTheReceiverAndTheOutputContinuesTheInputsTrace()
    {
        using var receiver = OtlpReceiver.Start();
        var topics = await WorkerTopics.CreateAsync(kafka);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var callerSpan = ActivitySpanId.CreateRandom().ToHexString();
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            var (id, _, value) = Samples.Numbered(0);
            var headers = new Headers { { KazNerHeaders.TraceParent, Encoding.UTF8.GetBytes($"00-{traceId}-{callerSpan}-01") } };
            await producer.ProduceAsync(topics.Input, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(id), Value = value, Headers = headers }, TestContext.Current.CancellationToken);
        }

        var environment = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "kazner-trace-test",
            // The batch processor's standard delay (5 s by default), so the span leaves soon after the record.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        };
        string[] settings =
        [
            "run", "--Kafka:BootstrapServers", kafka.BootstrapServers, "--Kafka:InputTopic", topics.Input, "--Kafka:OutputTopic", topics.Output,
            "--Kafka:DeadLetterTopic", topics.DeadLetters, "--Kafka:GroupId", topics.Group, "--Http:Port", "0", "--Model:Device", "Cpu",
            .. kafka.WorkerSettings.SelectMany(s => new[] { $"--{s.Key}", s.Value }),
        ];
        var lines = new ConcurrentQueue<string>();
        await using var worker = KaznerChildProcess.Start(settings, lines.Enqueue, environment);

        var output = Assert.Single(new KafkaTestClient(kafka.BootstrapServers).Read(topics.Output, 1)).Message;
        Assert.True(output.Headers.TryGetLastBytes(KazNerHeaders.TraceParent, out var traceParent), string.Join('\n', lines));
        var parts = Encoding.UTF8.GetString(traceParent).Split('-');
        Assert.Equal(traceId, parts[1]);
        Assert.NotEqual(callerSpan, parts[2]);

        await Eventually.TrueAsync(() => receiver.Spans.Any(s => s.TraceId == traceId), $"a span of trace {traceId} at the receiver (requests: {string.Join(", ", receiver.Paths)})", seconds: 30);
        var span = receiver.Spans.Single(s => s.TraceId == traceId);
        Assert.Equal("kazner annotate", span.Name);
        Assert.Equal(callerSpan, span.ParentSpanId);
        Assert.Equal(parts[2], span.SpanId);
        Assert.Equal("kazner-trace-test", span.ServiceName);
    }
}
