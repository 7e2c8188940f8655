using KazNer.Stream.Records;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Pipeline;

/// <summary>The producer side: publishes units and decides how the consumed offsets get committed.</summary>
internal interface IRecordSink : IDisposable
{
    /// <summary>Completes once every record of the unit is acknowledged (or its transaction committed).</summary>
    Task<DeliveryOutcome> DeliverAsync(OutboundUnit unit, SourceMessage source, CancellationToken cancellationToken);

    /// <summary>Delivers everything sent so far (commits the open transaction), giving up after <paramref name="timeout"/>.</summary>
    Task FlushAsync(TimeSpan timeout);

    /// <summary>Consumer commits for plain producers, offsets inside the transaction for transactional ones.</summary>
    IOffsetCommits CreateOffsetCommits(IMessageSource source, OffsetCommitter offsets, TimeSpan drainTimeout, TimeProvider time, ILogger logger);
}
