namespace KazNer.Stream.Pipeline;

/// <summary>The producer side: publishes records and, for transactions, the consumer offsets with them.</summary>
internal interface IRecordSink : IDisposable
{
    /// <summary>True when offsets travel inside the sink's transactions instead of consumer commits.</summary>
    bool CommitsOffsets { get; }

    /// <summary>Completes once the record is acknowledged (or its transaction committed).</summary>
    Task SendAsync(OutboundRecord record, SourceMessage source, CancellationToken cancellationToken);

    /// <summary>Delivers everything sent so far (commits the open transaction).</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
