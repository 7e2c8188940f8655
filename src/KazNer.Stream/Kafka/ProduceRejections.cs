using Confluent.Kafka;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;

namespace KazNer.Stream.Kafka;

/// <summary>Turns a failed produce into the pipeline's outcome: fatal errors stop it, anything else rejects the record.</summary>
internal static class ProduceRejections
{
    public static DeliveryOutcome Outcome(Error error, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.IsFatal)
        {
            return new DeliveryOutcome.Fatal(exception);
        }

        var tooLarge = error.Code is ErrorCode.MsgSizeTooLarge;
        var reason = tooLarge ? DeadLetterReason.OutputTooLarge(error.Reason) : DeadLetterReason.ProduceFailed($"{error.Code}: {error.Reason}");
        return new DeliveryOutcome.Rejected(reason, tooLarge);
    }
}
