using KazNer.Core;
using KazNer.Stream.Records;
using KazNer.Stream.Telemetry;

namespace KazNer.Stream.Pipeline;

/// <summary>Turns a document whose inference is over (or that failed earlier) into its output record.</summary>
internal sealed class DocumentCompleter(
    INerEngine engine, OutboundRecordFactory records, AnnotatedRecordWriter writer, DocumentOrderer orderer, StreamMetrics metrics)
{
    public void DeadLetter(InFlightDocument document, DeadLetterReason reason)
    {
        document.Fail(reason);
        Finish(document);
    }

    /// <summary>Assembles the annotation, or dead-letters the document when something failed on the way.</summary>
    public void Finish(InFlightDocument document)
    {
        if (document.Failure is null)
        {
            try
            {
                document.Output = Annotate(document);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                document.Fail(DeadLetterReason.AssemblyFailed(e.Message));
            }
        }

        if (document.Failure is { } failure)
        {
            document.Output = records.DeadLetter(document.Source, failure);
        }

        orderer.Completed(document);
    }

    private OutboundRecord Annotate(InFlightDocument document)
    {
        var annotated = engine.Assemble(document.Prepared!);
        using var activity = StreamActivities.StartAnnotate(document.Source.Headers);
        activity?.SetTag("kazner.document.id", document.Input!.Id);
        activity?.SetTag("kazner.entities", annotated.Entities.Count);
        var value = writer.Write(document.Input!, document.Source, engine.Model, annotated);
        var traceParent = activity?.Id ?? StreamActivities.Header(document.Source.Headers, Records.KazNerHeaders.TraceParent);
        var traceState = activity?.TraceStateString ?? StreamActivities.Header(document.Source.Headers, Records.KazNerHeaders.TraceState);
        metrics.Sentences(annotated.Sentences.Count);
        return records.Annotation(document.Source, value, traceParent, traceState);
    }
}
