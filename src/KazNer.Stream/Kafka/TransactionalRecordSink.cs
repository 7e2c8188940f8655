using Confluent.Kafka;
using KazNer.Stream.Configuration;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Kafka;

/// <summary>
/// Exactly-once publishing, after confluent-kafka-dotnet's ExactlyOnce example: units and the consumed offsets
/// they answer are committed in one transaction, every <see cref="CommitInterval"/> or
/// <see cref="MaxUnitsPerTransaction"/> units. A unit with a record over the producer's limit is rejected before
/// it enters a transaction (a failed record would doom the whole transaction). Lost partitions abort the open
/// transaction and the units of partitions still owned go into the next one. A transaction that failed only
/// because the broker refused some records for what they are (not fatal, not transient) is aborted, those
/// units are rejected (the pipeline dead-letters them) and the others go into the next one: a poison record
/// must not crash-loop the worker. A transaction that failed for none of its records is aborted and tried
/// again whole, a few times; past that, or on a fatal error, the worker stops, so the restart re-reads from
/// the committed offsets. Nothing half-done is ever visible to read_committed readers.
/// </summary>
internal sealed partial class TransactionalRecordSink : IRecordSink
{
    public const int MaxUnitsPerTransaction = 500;
    public static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly IProducer<byte[], byte[]> producer;
    private readonly Func<IConsumerGroupMetadata?> groupMetadata;
    private readonly OffsetCommitter offsets;
    private readonly int maxRecordBytes;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly List<Pending> open = [];
    private readonly ITimer timer;
    private Error? deliveryError;
    private int transaction;

    public TransactionalRecordSink(
        KafkaOptions options, Func<IConsumerGroupMetadata?> groupMetadata, OffsetCommitter offsets, KafkaClientLog clientLog, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(clientLog);
        this.groupMetadata = groupMetadata;
        this.offsets = offsets;
        this.logger = logger;
        maxRecordBytes = options.MaxMessageBytes;
        var transactionalId = options.TransactionalId;
        producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfigs.Producer(options, transactionalId))
            .SetErrorHandler((_, error) => clientLog.Error(KafkaClientLog.Producer, error))
            .SetLogHandler((_, message) => clientLog.Log(KafkaClientLog.Producer, message))
            .Build();
        producer.InitTransactions(Timeout);
        producer.BeginTransaction();
        KafkaLog.TransactionsReady(logger, transactionalId);
        timer = time.CreateTimer(_ => Commit(Timeout), null, CommitInterval, CommitInterval);
    }

    public Task<DeliveryOutcome> DeliverAsync(OutboundUnit unit, SourceMessage source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(source);
        if (unit.Records.FirstOrDefault(r => r.Bytes > maxRecordBytes) is { } oversized)
        {
            return Task.FromResult<DeliveryOutcome>(new DeliveryOutcome.Rejected(
                DeadLetterReason.OutputTooLarge($"the record for {oversized.Topic} is {oversized.Bytes} bytes, the producer's limit is {maxRecordBytes}"),
                TooLarge: true));
        }

        var pending = new Pending(unit, source);
        lock (gate)
        {
            Produce(pending);
            open.Add(pending);
            if (open.Count >= MaxUnitsPerTransaction)
            {
                CommitLocked(Timeout);
            }
        }

        return pending.Outcome.Task;
    }

    public Task FlushAsync(TimeSpan timeout) => Task.Run(() => Commit(timeout < Timeout ? timeout : Timeout));

    public IOffsetCommits CreateOffsetCommits(IMessageSource source, OffsetCommitter offsets, TimeSpan drainTimeout, TimeProvider time, ILogger logger) =>
        new TransactionOffsetCommits(this, drainTimeout);

    /// <summary>
    /// Aborts the open transaction: records of lost partitions must not be committed with offsets another member
    /// now owns. The units of partitions still owned are produced again in a fresh transaction, in their order.
    /// </summary>
    public void AbortFor(IReadOnlyCollection<TopicPartition> lost)
    {
        lock (gate)
        {
            if (open.Count == 0)
            {
                return;
            }

            var kept = open.Where(p => !lost.Contains(p.Source.Partition)).ToList();
            foreach (var gone in open.Where(p => lost.Contains(p.Source.Partition)))
            {
                gone.Outcome.TrySetResult(DeliveryOutcome.PartitionGone);
            }

            NextTransaction();
            try
            {
                producer.AbortTransaction(Timeout);
                Reopen(kept);
            }
            catch (KafkaException e)
            {
                KafkaLog.TransactionAborted(logger, e);
                open.Clear();
                NextTransaction();
                kept.ForEach(p => p.Outcome.TrySetResult(new DeliveryOutcome.Fatal(e)));
            }
        }
    }

    public void Commit(TimeSpan timeout)
    {
        lock (gate)
        {
            CommitLocked(timeout);
        }
    }

    public void Dispose()
    {
        timer.Dispose();
        producer.Dispose();
    }

    private void Produce(Pending pending)
    {
        // An aborted transaction's records report "purged" after the abort: only the open transaction's count.
        var current = transaction;
        pending.Failure = null;
        foreach (var record in pending.Unit.Records)
        {
            try
            {
                producer.Produce(record.Topic, KafkaMessages.From(record, pending.Source), report =>
                {
                    if (report.Error.IsError && current == Volatile.Read(ref transaction))
                    {
                        Fail(pending, report.Error);
                    }
                });
            }
            catch (KafkaException e)
            {
                // Refused before it was sent: after a failed record the transaction refuses every produce
                // ("Erroneous state") until it is aborted; the unit then goes into the next one.
                Fail(pending, e.Error);
                return;
            }
        }
    }

    private void Fail(Pending pending, Error error)
    {
        Interlocked.CompareExchange(ref deliveryError, error, null);
        pending.Failure ??= error;
    }

    /// <summary>
    /// Called with the lock held after an abort: a fresh transaction holding <paramref name="kept"/>, in order. When
    /// it cannot begin, the open units stay as they were, for the caller to fail.
    /// </summary>
    private void Reopen(List<Pending> kept)
    {
        NextTransaction();
        producer.BeginTransaction();
        open.Clear();
        kept.ForEach(Produce);
        open.AddRange(kept);
    }

    /// <summary>Called with the lock held whenever a transaction ends (committed or aborted).</summary>
    private void NextTransaction()
    {
        Interlocked.Increment(ref transaction);
        Volatile.Write(ref deliveryError, null);
    }

    private sealed class Pending(OutboundUnit unit, SourceMessage source)
    {
        public OutboundUnit Unit { get; } = unit;

        public SourceMessage Source { get; } = source;

        public TaskCompletionSource<DeliveryOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The first delivery error of this unit's records in the open transaction.</summary>
        public Error? Failure { get; set; }
    }
}
