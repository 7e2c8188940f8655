using Confluent.Kafka;

namespace KazNer.Stream.Kafka;

/// <summary>Which delivery failures are worth trying again: the sink is away, not the record wrong.</summary>
internal static class ProduceErrors
{
    private static readonly HashSet<ErrorCode> Transient =
    [
        ErrorCode.Local_MsgTimedOut,
        ErrorCode.Local_Transport,
        ErrorCode.Local_AllBrokersDown,
        ErrorCode.Local_QueueFull,
        ErrorCode.Local_TimedOut,
        ErrorCode.RequestTimedOut,
        ErrorCode.NetworkException,
        ErrorCode.BrokerNotAvailable,
        ErrorCode.LeaderNotAvailable,
        ErrorCode.NotLeaderForPartition,
        ErrorCode.ReplicaNotAvailable,
        ErrorCode.NotEnoughReplicas,
        ErrorCode.NotEnoughReplicasAfterAppend,
        ErrorCode.UnknownTopicOrPart,
        ErrorCode.NotCoordinatorForGroup,
        ErrorCode.GroupLoadInProgress,
    ];

    public static bool IsTransient(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return !error.IsFatal && Transient.Contains(error.Code);
    }
}
