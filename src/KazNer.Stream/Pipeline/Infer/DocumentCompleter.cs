using KazNer.Core;
using KazNer.Stream.Records;
using KazNer.Stream.Telemetry;

namespace KazNer.Stream.Pipeline;

/// <summary>Turns a document whose inference is over (or that failed earlier) into its outbound unit.</summary>
internal sealed class DocumentCompleter(
    INerEngine engine,
    OutboundRecordFactory records,
    AnnotatedRecordWriter writer,
    DocumentOrderer orderer,
    StreamMetrics metrics,
    EntityEventRecords? entityEvents = null)
{
    public void DeadLetter(InFlightDocument document, DeadLetterReason reason)
    {
        document.Fail(reason);
        Finish(document);
    }

    /// <summary>Assembles the annotation, or dead-letters the document when something failed on the way.</summary>
    public void Finish(InFlightDocument document)
    {
        // Set once: the orderer may release the document as soon as it has an output.
        var output = document.Failure is null ? TryAnnotate(document) : null;
        document.Output = output ?? records.DeadLetter(document.Source, document.Failure!);
        orderer.Completed(document);
    }

    private OutboundUnit? TryAnnotate(InFlightDocument document)
    {
        OutboundUnit unit;
        try
        {
            unit = Annotate(document);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            document.Fail(DeadLetterReason.AssemblyFailed(e.Message));
            return null;
        }

        if (unit.Records.FirstOrDefault(r => r.Bytes > records.MaxRecordBytes) is { } oversized)
        {
            document.Fail(DeadLetterReason.OutputTooLarge(
                $"the record for {oversized.Topic} is {oversized.Bytes} bytes, the producer's limit is {records.MaxRecordBytes}"));
            return null;
        }

        return unit;
    }

    /// <summary>The unit published for an annotated document; further records of the document go into it.</summary>
    private OutboundUnit Annotate(InFlightDocument document)
    {
        var annotated = engine.Assemble(document.Prepared!);
        using var activity = StreamActivities.StartAnnotate(document.Source.Headers);
        activity?.SetTag("kazner.document.id", document.Input!.Id);
        activity?.SetTag("kazner.entities", annotated.Entities.Count);
        var value = writer.Write(document.Input!, document.Source, engine.Model, annotated);
        var traceParent = activity?.Id ?? StreamActivities.Header(document.Source.Headers, Records.KazNerHeaders.TraceParent);
        var traceState = activity?.TraceStateString ?? StreamActivities.Header(document.Source.Headers, Records.KazNerHeaders.TraceState);
        metrics.Sentences(annotated.Sentences.Count);
        var annotation = records.Annotation(document.Source, value, traceParent, traceState);
        if (entityEvents is not { Enabled: true })
        {
            return OutboundUnit.Of(annotation);
        }

        // The entity events travel in the document's unit: delivered together, acknowledged only together.
        return new OutboundUnit([annotation, .. entityEvents.For(document.Input!, document.Source, engine.Model, annotated, traceParent, traceState)]);
    }
}
