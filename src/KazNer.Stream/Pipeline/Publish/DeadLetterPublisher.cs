using KazNer.Stream.Records;
using Polly;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// Publishes dead letters and never gives one up: a dead-letter topic that refuses a write marks the sink down
/// (so consumption pauses and memory stays bounded) and the letter is tried again with back-off until it is
/// taken. A letter refused as too large is sent again without its payload (headers say what it was).
/// </summary>
internal sealed class DeadLetterPublisher
{
    private readonly IRecordSink sink;
    private readonly OutboundRecordFactory records;
    private readonly FlowControl flow;
    private readonly ResiliencePipeline<DeliveryOutcome> retry;

    public DeadLetterPublisher(IRecordSink sink, OutboundRecordFactory records, FlowControl flow, ResiliencePipeline<DeliveryOutcome> retry)
    {
        this.sink = sink;
        this.records = records;
        this.flow = flow;
        this.retry = retry;
    }

    /// <returns>Delivered, or fatal/dropped as the sink says; never rejected.</returns>
    public async Task<(OutboundUnit Letter, DeliveryOutcome Outcome)> PublishAsync(SourceMessage source, OutboundUnit letter, CancellationToken cancellationToken)
    {
        var sent = letter;
        var outcome = await retry.ExecuteAsync(
            async token =>
            {
                var result = await sink.DeliverAsync(sent, source, token).ConfigureAwait(false);
                if (result is DeliveryOutcome.Rejected { TooLarge: true })
                {
                    sent = records.DeadLetter(source, letter.DeadLetter!, withoutPayload: true);
                }

                return result;
            },
            cancellationToken).ConfigureAwait(false);
        flow.SetDeadLettersDown(false);
        return (sent, outcome);
    }

    public OutboundUnit For(SourceMessage source, DeadLetterReason reason) => records.DeadLetter(source, reason);
}
