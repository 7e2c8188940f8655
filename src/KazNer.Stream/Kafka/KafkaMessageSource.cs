using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KazNer.Stream.Kafka;

/// <summary>The Confluent consumer behind <see cref="IMessageSource"/>.</summary>
internal sealed class KafkaMessageSource(IOptions<KafkaOptions> options, ILogger<KafkaMessageSource> logger) : IMessageSource
{
    private IConsumer<byte[], byte[]>? consumer;
    private Error? fatalError;

    public IReadOnlyList<TopicPartition> Assignment => Consumer.Assignment;

    public IConsumerGroupMetadata? GroupMetadata => consumer?.ConsumerGroupMetadata;

    private IConsumer<byte[], byte[]> Consumer =>
        consumer ?? throw new InvalidOperationException("Subscribe first.");

    public void Subscribe(string topic, IPartitionEvents events)
    {
        ArgumentNullException.ThrowIfNull(events);
        consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(options.Value))
            .SetErrorHandler((_, error) => OnError(error))
            .SetLogHandler((_, message) => OnLog(message))
            .SetPartitionsAssignedHandler((_, partitions) => events.Assigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => events.Revoked([.. partitions.Select(p => p.TopicPartition)]))
            .SetPartitionsLostHandler((_, partitions) => events.Lost([.. partitions.Select(p => p.TopicPartition)]))
            .Build();
        consumer.Subscribe(topic);
    }

    public SourceMessage? Consume(TimeSpan timeout)
    {
        if (fatalError is { } error)
        {
            throw new KafkaException(error);
        }

        ConsumeResult<byte[], byte[]>? result;
        try
        {
            result = Consumer.Consume(timeout);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            KafkaLog.ConsumeError(logger, e.Error.Code, e.Error.Reason);
            return null;
        }

        if (result?.Message is not { } message)
        {
            return null;
        }

        var timestamp = message.Timestamp.Type == TimestampType.NotAvailable
            ? DateTimeOffset.UnixEpoch
            : new DateTimeOffset(message.Timestamp.UtcDateTime);
        return new SourceMessage(result.TopicPartitionOffset, message.Key, message.Value ?? [], message.Headers ?? [], timestamp);
    }

    public void Pause(IReadOnlyList<TopicPartition> partitions) => Consumer.Pause(partitions);

    public void Resume(IReadOnlyList<TopicPartition> partitions) => Consumer.Resume(partitions);

    public void Commit(IReadOnlyList<TopicPartitionOffset> offsets) => Consumer.Commit(offsets);

    public long? HighWatermark(TopicPartition partition)
    {
        var high = Consumer.GetWatermarkOffsets(partition).High;
        return high == Offset.Unset ? null : high.Value;
    }

    public void Close() => consumer?.Close();

    public void Dispose() => consumer?.Dispose();

    private void OnLog(LogMessage message)
    {
        var level = message.Level.ToLogLevel();
        KafkaLog.Librdkafka(logger, level, message.Facility, message.Message);
    }

    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            fatalError = error;
        }

        KafkaLog.ClientError(logger, error.IsFatal, error.Code, error.Reason);
    }
}
