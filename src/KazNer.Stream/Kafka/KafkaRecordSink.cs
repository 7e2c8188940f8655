using System.Text;
using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;
using Microsoft.Extensions.Logging;
using Polly;

namespace KazNer.Stream.Kafka;

/// <summary>
/// At-least-once publishing: an idempotent producer behind the retry and circuit-breaker pipeline, which retries
/// transient failures without end; a record refused for what it is comes back as a rejection, not an exception.
/// </summary>
internal sealed class KafkaRecordSink(KafkaOptions options, ResiliencePipeline resilience, KafkaClientLog clientLog, ILogger logger) : IRecordSink
{
    private readonly IProducer<byte[], byte[]> producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(options, transactionalId: null))
        .SetErrorHandler((_, error) => clientLog.Error(KafkaClientLog.Producer, error))
        .SetLogHandler((_, message) => clientLog.Log(KafkaClientLog.Producer, message))
        .Build();

    public async Task<DeliveryOutcome> DeliverAsync(OutboundUnit unit, SourceMessage source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(source);
        // All records are handed over before any is awaited, so librdkafka keeps their order per partition.
        var sends = unit.Records.Select(record => SendAsync(record, source, cancellationToken)).ToList();
        return DeliveryOutcome.Combine(await Task.WhenAll(sends).ConfigureAwait(false));
    }

    public Task FlushAsync(TimeSpan timeout) => Task.Run(() => producer.Flush(timeout));

    public IOffsetCommits CreateOffsetCommits(IMessageSource source, OffsetCommitter offsets, TimeSpan drainTimeout, TimeProvider time, ILogger logger) =>
        new ConsumerOffsetCommits(source, offsets, logger, time);

    public void Dispose() => producer.Dispose();

    private static string KeyText(byte[]? key) => key is null ? "(no key)" : Encoding.UTF8.GetString(key);

    private async Task<DeliveryOutcome> SendAsync(OutboundRecord record, SourceMessage source, CancellationToken cancellationToken)
    {
        var message = KafkaMessages.From(record, source);
        try
        {
            // The produce call itself is not cancelled: once handed to librdkafka its outcome must be known.
            var delivered = await resilience.ExecuteAsync(
                async _ => await producer.ProduceAsync(record.Topic, message, CancellationToken.None).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            if (delivered.Offset == Offset.Unset)
            {
                // librdkafka acknowledged it implicitly: a later batch of this producer succeeded after this one's
                // request failed, which a broker that checks idempotent sequences only allows once this one is
                // stored. The fault matrix matches these ids against what reached the topic (docs/reliability.md).
                KafkaLog.DeliveredWithoutOffset(logger, KeyText(message.Key), delivered.Topic, delivered.Partition.Value);
            }

            return DeliveryOutcome.Success;
        }
        catch (ProduceException<byte[], byte[]> e)
        {
            return ProduceRejections.Outcome(e.Error, e);
        }
        catch (KafkaException e)
        {
            return new DeliveryOutcome.Fatal(e);
        }
    }
}
