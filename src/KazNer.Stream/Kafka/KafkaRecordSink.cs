using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Pipeline;
using Polly;

namespace KazNer.Stream.Kafka;

/// <summary>At-least-once publishing: an idempotent producer behind the retry and circuit-breaker pipeline.</summary>
internal sealed class KafkaRecordSink(KafkaOptions options, ResiliencePipeline resilience, Action<Error> onClientError) : IRecordSink
{
    private readonly IProducer<byte[], byte[]> producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(options, transactionalId: null))
        .SetErrorHandler((_, error) => onClientError(error))
        .Build();

    public bool CommitsOffsets => false;

    public Task SendAsync(OutboundRecord record, SourceMessage source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(source);
        var message = KafkaMessages.From(record, source);
        // The produce call itself is not cancelled: once handed to librdkafka its outcome must be known.
        return resilience.ExecuteAsync(
            async _ => await producer.ProduceAsync(record.Topic, message, CancellationToken.None).ConfigureAwait(false),
            cancellationToken).AsTask();
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        producer.Flush(cancellationToken);
        return Task.CompletedTask;
    }

    public void Dispose() => producer.Dispose();
}
