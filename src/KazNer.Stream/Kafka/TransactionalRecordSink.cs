using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Pipeline;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Kafka;

/// <summary>
/// Exactly-once publishing, after confluent-kafka-dotnet's ExactlyOnce example: records and the consumed
/// offsets they answer are committed in one transaction, every <see cref="CommitInterval"/> or
/// <see cref="MaxRecordsPerTransaction"/> records. A failed transaction is aborted and the worker stops, so
/// the restart re-reads from the committed offsets; nothing half-done is ever visible to read_committed readers.
/// </summary>
internal sealed class TransactionalRecordSink : IRecordSink
{
    public const int MaxRecordsPerTransaction = 500;
    public static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly IProducer<byte[], byte[]> producer;
    private readonly Func<IConsumerGroupMetadata?> groupMetadata;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly Dictionary<TopicPartition, long> offsets = [];
    private readonly List<TaskCompletionSource> waiting = [];
    private readonly ITimer timer;
    private Error? deliveryError;

    public TransactionalRecordSink(KafkaOptions options, Func<IConsumerGroupMetadata?> groupMetadata, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        this.groupMetadata = groupMetadata;
        this.logger = logger;
        var transactionalId = options.Properties.GetValueOrDefault("transactional.id") ?? $"{options.GroupId}-{Environment.MachineName}";
        producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(options, transactionalId)).Build();
        producer.InitTransactions(Timeout);
        producer.BeginTransaction();
        KafkaLog.TransactionsReady(logger, transactionalId);
        timer = time.CreateTimer(_ => Commit(), null, CommitInterval, CommitInterval);
    }

    public bool CommitsOffsets => true;

    public Task SendAsync(OutboundRecord record, SourceMessage source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(source);
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            producer.Produce(record.Topic, KafkaMessages.From(record, source), report =>
            {
                if (report.Error.IsError)
                {
                    deliveryError ??= report.Error;
                }
            });
            offsets[source.Partition] = Math.Max(offsets.GetValueOrDefault(source.Partition), source.Offset + 1);
            waiting.Add(committed);
            if (waiting.Count >= MaxRecordsPerTransaction)
            {
                CommitLocked();
            }
        }

        return committed.Task;
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        Commit();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        timer.Dispose();
        producer.Dispose();
    }

    private void Commit()
    {
        lock (gate)
        {
            CommitLocked();
        }
    }

    private void CommitLocked()
    {
        if (waiting.Count == 0)
        {
            return;
        }

        try
        {
            var metadata = groupMetadata() ?? throw new InvalidOperationException("The consumer has not joined its group.");
            producer.SendOffsetsToTransaction([.. offsets.Select(o => new TopicPartitionOffset(o.Key, o.Value))], metadata, Timeout);
            producer.CommitTransaction(Timeout);
            if (deliveryError is { } error)
            {
                throw new KafkaException(error);
            }

            waiting.ForEach(w => w.TrySetResult());
            producer.BeginTransaction();
        }
        catch (Exception e) when (e is KafkaException or InvalidOperationException)
        {
            KafkaLog.TransactionAborted(logger, e);
            TryAbort();
            var fatal = new PipelineFatalException(e);
            waiting.ForEach(w => w.TrySetException(fatal));
        }
        finally
        {
            waiting.Clear();
            offsets.Clear();
            deliveryError = null;
        }
    }

    private void TryAbort()
    {
        try
        {
            producer.AbortTransaction(Timeout);
        }
        catch (KafkaException)
        {
            // The worker is stopping because of the first error; this one adds nothing.
        }
    }
}
