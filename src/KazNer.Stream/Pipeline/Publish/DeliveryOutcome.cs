using KazNer.Stream.Records;

namespace KazNer.Stream.Pipeline;

/// <summary>What the sink did with an <see cref="OutboundUnit"/>, returned instead of client exceptions.</summary>
internal abstract record DeliveryOutcome
{
    public static readonly DeliveryOutcome Success = new Delivered();

    public static readonly DeliveryOutcome PartitionGone = new Dropped();

    /// <summary>Every record of the unit was acknowledged (or its transaction committed).</summary>
    public sealed record Delivered : DeliveryOutcome;

    /// <summary>A record was refused for what it is (too large, invalid); the input is dead-lettered instead.</summary>
    public sealed record Rejected(DeadLetterReason Reason, bool TooLarge) : DeliveryOutcome;

    /// <summary>The input's partition was lost and the unit's transaction aborted; its next owner reprocesses it.</summary>
    public sealed record Dropped : DeliveryOutcome;

    /// <summary>The sink cannot go on (fenced producer, failed transaction): the pipeline stops.</summary>
    public sealed record Fatal(Exception Error) : DeliveryOutcome;

    /// <summary>One outcome for the unit from those of its records: fatal before rejected before delivered.</summary>
    public static DeliveryOutcome Combine(IReadOnlyList<DeliveryOutcome> outcomes) =>
        outcomes.OfType<Fatal>().FirstOrDefault()
        ?? outcomes.OfType<Dropped>().FirstOrDefault()
        ?? (DeliveryOutcome?)outcomes.OfType<Rejected>().FirstOrDefault()
        ?? Success;
}
