using Confluent.Kafka;

namespace KazNer.Stream.Kafka;

/// <summary>A small fixed set of error kinds for the client-error metric, so its label stays bounded.</summary>
internal static class ClientErrorKinds
{
    public static readonly IReadOnlyList<string> All = ["fatal", "all-brokers-down", "transport", "timeout", "authentication", "other"];

    public static string Of(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            { IsFatal: true } => "fatal",
            { Code: ErrorCode.Local_AllBrokersDown } => "all-brokers-down",
            { Code: ErrorCode.Local_Transport or ErrorCode.NetworkException or ErrorCode.Local_Resolve or ErrorCode.BrokerNotAvailable } => "transport",
            { Code: ErrorCode.Local_TimedOut or ErrorCode.RequestTimedOut or ErrorCode.Local_MsgTimedOut } => "timeout",
            { Code: ErrorCode.Local_Authentication or ErrorCode.SaslAuthenticationFailed or ErrorCode.TopicAuthorizationFailed or ErrorCode.GroupAuthorizationFailed or ErrorCode.ClusterAuthorizationFailed } => "authentication",
            _ => "other",
        };
    }
}
