using System.Threading.Channels;
using KazNer.Core;
using KazNer.Stream.Records;

namespace KazNer.Stream.Pipeline;

/// <summary>Parses and validates consumed messages and splits documents into model sequences.</summary>
internal sealed class ParseStage(
    ChannelReader<InFlightDocument> input,
    ChannelWriter<PendingSequence> sequences,
    InputRecordParser parser,
    INerEngine engine,
    DocumentCompleter completer)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var document in input.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!document.IsDropped)
                {
                    await PrepareAsync(document, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            sequences.TryComplete();
        }
    }

    private async Task PrepareAsync(InFlightDocument document, CancellationToken cancellationToken)
    {
        var parsed = parser.Parse(document.Source);
        if (parsed.Document is not { } input)
        {
            completer.DeadLetter(document, parsed.Failure!);
            return;
        }

        PreparedDocument prepared;
        try
        {
            prepared = engine.Prepare(new NerDocument(input.Id, input.Text));
        }
        catch (ArgumentException e)
        {
            completer.DeadLetter(document, DeadLetterReason.UnusableText(e.Message));
            return;
        }

        document.BeginInference(input, prepared);
        if (prepared.Sequences.Count == 0)
        {
            completer.Finish(document);
            return;
        }

        foreach (var sequence in prepared.Sequences)
        {
            await sequences.WriteAsync(new PendingSequence(sequence, document), cancellationToken).ConfigureAwait(false);
        }
    }
}
