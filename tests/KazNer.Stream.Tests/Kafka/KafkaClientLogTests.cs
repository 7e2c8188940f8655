using System.Diagnostics.Metrics;
using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Kafka;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace KazNer.Stream.Tests.Kafka;

// Alone: its MeterListener and log capture would also see the Kafka clients of tests running beside it.
[Collection(nameof(KafkaClientLogTests))]
[CollectionDefinition(nameof(KafkaClientLogTests), DisableParallelization = true)]
public sealed class KafkaClientLogTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider time = new();
    private readonly RecordingLogger logger = new();
    private readonly KafkaClientLog log;
    private readonly MeterListener listener = new();
    private readonly List<(long Value, string Client, string Kind)> measured = [];

    public KafkaClientLogTests()
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        var metrics = new StreamMetrics(meters, new FlowControl(new PipelineOptions()));
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "kazner.kafka.client.errors")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            measured.Add((value, (string)tags[0].Value!, (string)tags[1].Value!)));
        listener.Start();
        log = new KafkaClientLog(logger, metrics, time);
    }

    [Fact]
    public void Error_RepeatedManyTimes_IsLoggedOnceThenSummarisedPerIntervalWithItsCount()
    {
        for (var i = 0; i < 100; i++)
        {
            log.Error(KafkaClientLog.Consumer, new Error(ErrorCode.Local_AllBrokersDown, $"1/1 brokers are down (after {i}ms in state CONNECT)"));
        }

        Assert.Single(logger.Lines);

        time.Advance(KafkaClientLog.SummaryInterval);

        Assert.Equal(2, logger.Lines.Count);
        Assert.Contains("repeated 99 more times", logger.Lines[1].Text, StringComparison.Ordinal);
        Assert.Contains("after 0ms", logger.Lines[1].Text, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Warning, logger.Lines[1].Level);

        listener.RecordObservableInstruments();
        Assert.Equal(100, measured.Single(m => m is { Client: "consumer", Kind: "all-brokers-down" }).Value);
        Assert.Equal(100, measured.Sum(m => m.Value));

        // A quiet interval reports nothing more.
        time.Advance(KafkaClientLog.SummaryInterval);
        Assert.Equal(2, logger.Lines.Count);
    }

    [Fact]
    public void Log_LibrdkafkaSyslogLevels_MapToLoggerLevels()
    {
        log.Log(KafkaClientLog.Producer, new LogMessage("rdkafka#producer-1", SyslogLevel.Error, "FAIL", "localhost:9092: Connect failed"));
        log.Log(KafkaClientLog.Producer, new LogMessage("rdkafka#producer-1", SyslogLevel.Notice, "STATE", "up"));

        Assert.Equal([LogLevel.Error, LogLevel.Information], logger.Lines.Select(l => l.Level));
        Assert.Contains("FAIL: localhost:9092: Connect failed", logger.Lines[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Metric_EveryClientAndKind_IsExportedFromTheStartAtZero()
    {
        listener.RecordObservableInstruments();

        Assert.Equal(2 * ClientErrorKinds.All.Count, measured.Count);
        Assert.All(measured, m => Assert.Equal(0, m.Value));
    }

    public void Dispose()
    {
        log.Dispose();
        listener.Dispose();
        services.Dispose();
    }

    private sealed class RecordingLogger : ILogger<KafkaClientLog>
    {
        public List<(LogLevel Level, string Text)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
