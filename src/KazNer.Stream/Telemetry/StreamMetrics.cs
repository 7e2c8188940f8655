using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Confluent.Kafka;

namespace KazNer.Stream.Telemetry;

/// <summary>The worker's instruments; docs/metrics.md lists them as Prometheus names.</summary>
internal sealed class StreamMetrics
{
    public const string MeterName = "KazNer.Stream";

    private readonly ConcurrentDictionary<TopicPartition, long> lag = new();
    private readonly ConcurrentDictionary<(string Client, string Kind), long> clientErrors = new();
    private readonly Counter<long> consumed;
    private readonly Counter<long> produced;
    private readonly Counter<long> deadLettered;
    private readonly Counter<long> sentences;
    private readonly Histogram<int> batchSize;
    private readonly Histogram<double> padding;
    private readonly Histogram<double> inference;
    private readonly Histogram<double> endToEnd;
    public StreamMetrics(IMeterFactory meterFactory, IFlowReadings flow)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(flow);
        var meter = meterFactory.Create(MeterName);
        consumed = meter.CreateCounter<long>("kazner.documents.consumed", "{document}", "Messages taken from the input topic.");
        produced = meter.CreateCounter<long>("kazner.documents.produced", "{document}", "Annotated records acknowledged by the output topic.");
        deadLettered = meter.CreateCounter<long>("kazner.documents.dead_lettered", "{document}", "Documents published to the dead-letter topic, by error.");
        sentences = meter.CreateCounter<long>("kazner.sentences", "{sentence}", "Sentences split from consumed documents.");
        batchSize = meter.CreateHistogram<int>("kazner.batch.size", "{sequence}", "Sequences per inference batch.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        padding = meter.CreateHistogram<double>("kazner.batch.padding_ratio", null, "Share of a batch's padded tokens that are padding.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75] });
        inference = meter.CreateHistogram<double>("kazner.inference.duration", "s", "Time of one model run over a batch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        endToEnd = meter.CreateHistogram<double>("kazner.document.duration", "s", "From consume to acknowledged output.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        // Observed rather than added to, so that every client and kind is exported from the start, at zero.
        meter.CreateObservableCounter("kazner.kafka.client.errors", ObserveClientErrors, "{error}", "Errors reported by the Kafka clients, by client and kind.");
        meter.CreateObservableGauge("kazner.consumer.lag", ObserveLag, "{message}", "Messages behind the end of each assigned partition.");
        meter.CreateObservableGauge("kazner.consumer.paused", () => flow.IsConsumptionPaused ? 1 : 0, null, "1 while consumption is paused by back-pressure.");
        meter.CreateObservableGauge("kazner.documents.in_flight", () => flow.Documents, "{document}", "Documents consumed and not yet acknowledged.");
    }

    public void Consumed() => consumed.Add(1);

    public void Produced(TimeSpan endToEndLatency)
    {
        produced.Add(1);
        endToEnd.Record(endToEndLatency.TotalSeconds);
    }

    public void DeadLettered(string error) => deadLettered.Add(1, new KeyValuePair<string, object?>("error", error));

    public void Sentences(int count) => sentences.Add(count);

    public void Batch(int size, double paddingRatio, TimeSpan duration)
    {
        batchSize.Record(size);
        padding.Record(paddingRatio);
        inference.Record(duration.TotalSeconds);
    }

    public void ClientError(string client, string kind) => clientErrors.AddOrUpdate((client, kind), 1, (_, n) => n + 1);

    public void Lag(TopicPartition partition, long messages) => lag[partition] = messages;

    public void ForgetLag(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            lag.TryRemove(partition, out _);
        }
    }

    private IEnumerable<Measurement<long>> ObserveClientErrors() =>
        from client in (string[])["consumer", "producer"]
        from kind in Kafka.ClientErrorKinds.All
        select new Measurement<long>(
            clientErrors.GetValueOrDefault((client, kind)),
            new KeyValuePair<string, object?>("client", client),
            new KeyValuePair<string, object?>("kind", kind));

    private IEnumerable<Measurement<long>> ObserveLag() =>
        lag.Select(p => new Measurement<long>(
            p.Value,
            new KeyValuePair<string, object?>("topic", p.Key.Topic),
            new KeyValuePair<string, object?>("partition", p.Key.Partition.Value)));
}
