namespace KazNer.Stream.Records;

/// <summary>Either a document or the reason it cannot be processed.</summary>
internal sealed record ParseOutcome(InputDocument? Document, DeadLetterReason? Failure)
{
    public static ParseOutcome Ok(InputDocument document) => new(document, null);

    public static ParseOutcome Fail(DeadLetterReason reason) => new(null, reason);
}
