using Confluent.Kafka;

namespace KazNer.Stream.Pipeline;

/// <summary>Commit failures that mean the member is rejoining its group, so only a completed rejoin fixes them.</summary>
internal static class CommitErrors
{
    public static bool MeansRebalance(ErrorCode code) =>
        code is ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId;
}
