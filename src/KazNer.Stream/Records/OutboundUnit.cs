namespace KazNer.Stream.Records;

/// <summary>
/// Everything one consumed record publishes, delivered as a unit: the sink sends all of its
/// <see cref="Records"/> together (in one transaction under exactly-once) and reports one outcome, and the
/// input offset is acknowledged only when every record was delivered. When any record is rejected, the input is
/// dead-lettered as a whole with that reason (under at-least-once, records of the unit that did arrive stay).
/// To publish more per document (for example entity events on a topic of their own), add records to the unit
/// that the pipeline's <c>DocumentCompleter</c> builds; each carries its own topic, key, value and headers.
/// </summary>
internal sealed record OutboundUnit(IReadOnlyList<OutboundRecord> Records, DeadLetterReason? DeadLetter = null)
{
    public bool IsDeadLetter => DeadLetter is not null;

    public static OutboundUnit Of(OutboundRecord record) => new([record]);

    public static OutboundUnit DeadLettered(OutboundRecord letter, DeadLetterReason reason) => new([letter], reason);
}
