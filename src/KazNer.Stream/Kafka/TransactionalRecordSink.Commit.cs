using Confluent.Kafka;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;
using Polly;

namespace KazNer.Stream.Kafka;

/// <summary>
/// How the transactional sink ends a transaction: commits it with the offsets the <see cref="OffsetCommitter"/> allows,
/// or, when it fails, which units to reject, which to keep for the next one, and when to stop.
/// </summary>
internal sealed partial class TransactionalRecordSink
{
    private readonly ResiliencePipeline<Recovery> transactions = ProduceResilience.Transactions<Recovery>(r => r == Recovery.ProduceAgain);
    private bool produceAgain;

    private void CommitLocked(TimeSpan timeout)
    {
        if (open.Count > 0 && transactions.Execute(() => CommitOnce(timeout)) is Recovery.ProduceAgain)
        {
            // Produced again whole as often as allowed and still failing: start over from the committed offsets.
            Stop(new KafkaException(new Error(ErrorCode.Local_Fail, $"the transaction failed {ProduceResilience.TransactionAttempts} times for none of its records")));
        }
    }

    private Recovery CommitOnce(TimeSpan timeout)
    {
        try
        {
            if (Interlocked.Exchange(ref produceAgain, false))
            {
                Reopen([.. open]);
            }

            var metadata = groupMetadata() ?? throw new InvalidOperationException("The consumer has not joined its group.");
            var positions = offsets.SendToTransaction(producer, metadata, [.. open.Select(p => p.Source.Position)], timeout);
            producer.CommitTransaction(timeout);
            if (Volatile.Read(ref deliveryError) is { } error)
            {
                throw new KafkaException(error);
            }

            offsets.Committed(positions);
            open.ForEach(p => p.Outcome.TrySetResult(DeliveryOutcome.Success));
            open.Clear();
            NextTransaction();
            producer.BeginTransaction();
            return Recovery.Committed;
        }
        catch (Exception e) when (e is KafkaException or InvalidOperationException)
        {
            KafkaLog.TransactionAborted(logger, e);
            var next = TryAbort() ? Recover(e) : Recovery.Stop;
            if (next == Recovery.Stop)
            {
                Stop(e);
            }

            produceAgain = next == Recovery.ProduceAgain;
            return next;
        }
    }

    /// <summary>The broker refused the record itself (too large, invalid): sending it again cannot help.</summary>
    private static bool IsRecordsOwnFault(Error error) => !error.IsFatal && !ProduceErrors.IsTransient(error) && !IsCasualty(error);

    /// <summary>
    /// Not sent because the transaction had already failed: refused while it was in error, or purged from the
    /// queue behind a failed record. The unit itself is fine.
    /// </summary>
    private static bool IsCasualty(Error error) =>
        error.Code is ErrorCode.Local_State or ErrorCode.Local_PurgeQueue or ErrorCode.Local_PurgeInflight;

    private void Stop(Exception error)
    {
        var fatal = new DeliveryOutcome.Fatal(new PipelineFatalException(error));
        open.ForEach(p => p.Outcome.TrySetResult(fatal));
        open.Clear();
        NextTransaction();
    }

    /// <summary>
    /// After an abort: units the broker refused for what their records are get rejected and the others wait in a
    /// fresh transaction. A transaction that failed for none of its records' sake is produced again whole and
    /// committed at once by the next attempt (<see cref="ProduceResilience.Transactions"/> counts them).
    /// </summary>
    private Recovery Recover(Exception error)
    {
        if (open.Any(p => p.Failure is { IsFatal: true }))
        {
            return Recovery.Stop;
        }

        var refused = open.Where(p => p.Failure is { } f && IsRecordsOwnFault(f)).ToList();
        foreach (var unit in refused)
        {
            unit.Outcome.TrySetResult(ProduceRejections.Outcome(unit.Failure!, new KafkaException(unit.Failure!)));
        }

        open.RemoveAll(refused.Contains);
        if (refused.Count == 0)
        {
            return error is KafkaException { Error.IsFatal: false } ? Recovery.ProduceAgain : Recovery.Stop;
        }

        try
        {
            Reopen([.. open]);
            return Recovery.Wait;
        }
        catch (KafkaException)
        {
            return Recovery.Stop;
        }
    }

    private bool TryAbort()
    {
        // The abort purges records not yet sent; their "purged" reports are not failures of the units.
        NextTransaction();
        try
        {
            producer.AbortTransaction(Timeout);
            return true;
        }
        catch (KafkaException)
        {
            // The worker is stopping because of the first error; this one adds nothing.
            return false;
        }
    }

    private enum Recovery
    {
        Committed,
        Wait,
        ProduceAgain,
        Stop,
    }
}
