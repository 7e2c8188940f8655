using Confluent.Kafka;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// Commit failures that say the member is probably rejoining its group: a retry sent at once would wait behind the
/// rejoin, so commits are held back for a while.
/// </summary>
internal static class CommitErrors
{
    public static bool MeansRebalance(ErrorCode code) =>
        code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId;
}
