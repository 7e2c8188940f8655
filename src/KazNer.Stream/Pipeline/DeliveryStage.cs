using System.Threading.Channels;
using Confluent.Kafka;
using KazNer.Stream.Records;
using KazNer.Stream.Telemetry;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// Publishes released documents in release order without waiting for each acknowledgement, and on each
/// acknowledgement marks the offset delivered and frees its in-flight budget.
/// </summary>
internal sealed class DeliveryStage(
    ChannelReader<InFlightDocument> released,
    IRecordSink sink,
    OutboundRecordFactory records,
    OffsetTracker offsets,
    FlowControl flow,
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
        var output = document.Output!;
        try
        {
            try
            {
                await sink.SendAsync(output, document.Source, cancellationToken).ConfigureAwait(false);
            }
            catch (ProduceException<byte[], byte[]> e) when (!e.Error.IsFatal && !output.IsDeadLetter)
            {
                // The annotation itself is unpublishable (too large, rejected): its document becomes a dead letter.
                PipelineLog.OutputRejected(logger, document.Source.Position.ToString(), e.Error.Reason);
                output = records.DeadLetter(document.Source, DeadLetterReason.ProduceFailed(e.Error.Reason));
                await sink.SendAsync(output, document.Source, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            fatal.Raise(e);
            return;
        }

        Acknowledge(document, output);
    }

    private void Acknowledge(InFlightDocument document, OutboundRecord output)
    {
        if (!document.TryFinish())
        {
            return;
        }

        offsets.MarkDelivered(document.Source.Position);
        flow.Release(document.Source.Bytes);
        if (output.IsDeadLetter)
        {
            metrics.DeadLettered(StreamActivities.Header(output.Headers, KazNerHeaders.Error) ?? "unknown");
        }
        else
        {
            metrics.Produced(time.GetElapsedTime(document.ConsumedAt));
        }
    }
}
