using System.Threading.Channels;
using KazNer.Stream.Records;
using KazNer.Stream.Telemetry;

namespace KazNer.Stream.Pipeline;

/// <summary>Where a consumed message enters the pipeline: admitted to the ledger and the orderer, then queued for parsing.</summary>
internal sealed class Intake(ChannelWriter<InFlightDocument> output, InFlightLedger ledger, DocumentOrderer orderer, StreamMetrics metrics, TimeProvider time)
{
    public void Admit(SourceMessage message)
    {
        var document = new InFlightDocument(message, time.GetTimestamp());
        ledger.Admit(document);
        orderer.Track(document);
        metrics.Consumed();
        while (!output.TryWrite(document))
        {
            // A full channel is the last line of back-pressure: the pause normally comes first.
            output.WaitToWriteAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public void Complete() => output.TryComplete();
}
