using System.Threading.Channels;
using KazNer.Stream.Telemetry;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// Publishes released documents in release order without waiting for each acknowledgement. Each document ends
/// in exactly one of: its unit delivered, its dead letter delivered (its own failure, or its unit rejected by the
/// output), or dropped with its partition; only the first two acknowledge it in the ledger.
/// </summary>
internal sealed class DeliveryStage(
    ChannelReader<InFlightDocument> released,
    IRecordSink sink,
    DeadLetterPublisher deadLetters,
    InFlightLedger ledger,
    FatalErrorSignal fatal,
    StreamMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var sending = new List<Task>();
        await foreach (var document in released.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (document.IsDropped)
            {
                continue;
            }

            sending.Add(DeliverAsync(document, cancellationToken));
            if (sending.Count >= 4096)
            {
                sending.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(sending).ConfigureAwait(false);
    }

    private async Task DeliverAsync(InFlightDocument document, CancellationToken cancellationToken)
    {
        var unit = document.Output!;
        DeliveryOutcome outcome;
        try
        {
            if (unit.IsDeadLetter)
            {
                (unit, outcome) = await deadLetters.PublishAsync(document.Source, unit, cancellationToken).ConfigureAwait(false);
            }
            else if ((outcome = await sink.DeliverAsync(unit, document.Source, cancellationToken).ConfigureAwait(false)) is DeliveryOutcome.Rejected rejected)
            {
                // The annotation itself is unpublishable (too large, invalid): its document becomes a dead letter.
                PipelineLog.OutputRejected(logger, document.Source.Position.ToString(), rejected.Reason.Detail);
                (unit, outcome) = await deadLetters.PublishAsync(document.Source, deadLetters.For(document.Source, rejected.Reason), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        switch (outcome)
        {
            case DeliveryOutcome.Fatal failure:
                fatal.Raise(failure.Error);
                break;
            case DeliveryOutcome.Delivered when ledger.Acknowledge(document):
                if (unit.DeadLetter is { } reason)
                {
                    metrics.DeadLettered(reason.Error);
                }
                else
                {
                    metrics.Produced(time.GetElapsedTime(document.ConsumedAt));
                }

                break;
        }
    }
}
