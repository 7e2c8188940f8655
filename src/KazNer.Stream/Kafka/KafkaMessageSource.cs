using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;
using KazNer.Stream.Telemetry;
using Microsoft.Extensions.Options;

namespace KazNer.Stream.Kafka;

/// <summary>
/// The Confluent consumer behind <see cref="IMessageSource"/>. Every call and <see cref="Dispose"/> share one
/// lock: the host disposes its services when its shutdown timeout runs out, possibly while the consume loop is
/// still inside Consume, and librdkafka then calls the rebalance callback on a destroyed handle, which kills
/// the process. After disposal the loop's calls find nothing to consume and commits fail as a local error.
/// Disposing a consumer that has not left its group closes it first, which waits out an unsettled rebalance as
/// <see cref="Close"/> would; such a handle (its close abandoned, or still held by a consume thread stuck in
/// librdkafka) is left to the process exit instead, so that the exit is never held up.
/// </summary>
internal sealed class KafkaMessageSource(IOptions<KafkaOptions> options, KafkaClientLog clientLog, WorkerHealth health) : IMessageSource
{
    private readonly Lock gate = new();
    private IConsumer<byte[], byte[]>? consumer;
    private Error? fatalError;
    private static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(1);
    private bool disposed;
    private bool closed;

    public IReadOnlyList<TopicPartition> Assignment
    {
        get
        {
            lock (gate)
            {
                return disposed ? [] : Consumer.Assignment;
            }
        }
    }

    // Read by the transactional sink on its own thread; taking the lock would make every transaction wait out
    // a poll, and nothing here calls back into librdkafka's rebalance callback.
    public IConsumerGroupMetadata? GroupMetadata => Volatile.Read(ref disposed) ? null : consumer?.ConsumerGroupMetadata;

    private IConsumer<byte[], byte[]> Consumer =>
        consumer ?? throw new InvalidOperationException("Subscribe first.");

    public void Subscribe(string topic, IPartitionEvents events)
    {
        ArgumentNullException.ThrowIfNull(events);
        consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(options.Value))
            .SetErrorHandler((_, error) => OnError(error))
            .SetLogHandler((_, message) => clientLog.Log(KafkaClientLog.Consumer, message))
            .SetStatisticsHandler((_, json) => OnStatistics(json))
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
            lock (gate)
            {
                if (disposed)
                {
                    return null;
                }

                result = Consumer.Consume(timeout);
            }
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            clientLog.Error(KafkaClientLog.Consumer, e.Error);
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

    public void Pause(IReadOnlyList<TopicPartition> partitions) => WhileOpen(c => c.Pause(partitions));

    public void Resume(IReadOnlyList<TopicPartition> partitions) => WhileOpen(c => c.Resume(partitions));

    public void Commit(IReadOnlyList<TopicPartitionOffset> offsets)
    {
        lock (gate)
        {
            if (disposed)
            {
                throw new KafkaException(new Error(ErrorCode.Local_State, "the consumer was disposed before the commit"));
            }

            Consumer.Commit(offsets);
        }
    }

    public long? Position(TopicPartition partition)
    {
        lock (gate)
        {
            var position = disposed ? Offset.Unset : Consumer.Position(partition);
            return position.IsSpecial ? null : position.Value;
        }
    }

    public long? HighWatermark(TopicPartition partition)
    {
        lock (gate)
        {
            var high = disposed ? Offset.Unset : Consumer.GetWatermarkOffsets(partition).High;
            return high == Offset.Unset ? null : high.Value;
        }
    }

    public bool Close(TimeSpan timeout)
    {
        var closing = Task.Run(() => WhileOpen(c =>
        {
            c.Close();
            closed = true;
        }));
        return closing.Wait(timeout);
    }

    public void Dispose()
    {
        if (!gate.TryEnter(DisposeWait))
        {
            return;
        }

        try
        {
            disposed = true;
            if (closed || consumer is null)
            {
                consumer?.Dispose();
            }

            consumer = null;
        }
        finally
        {
            gate.Exit();
        }
    }

    private void WhileOpen(Action<IConsumer<byte[], byte[]>> action)
    {
        lock (gate)
        {
            if (!disposed && consumer is not null)
            {
                action(consumer);
            }
        }
    }

    private void OnStatistics(string json)
    {
        if (BrokerStatistics.AnyBrokerUp(json))
        {
            health.BrokerReachable();
        }
    }

    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            fatalError = error;
        }

        clientLog.Error(KafkaClientLog.Consumer, error);
    }
}
