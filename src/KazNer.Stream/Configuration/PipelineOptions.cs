using System.ComponentModel.DataAnnotations;

namespace KazNer.Stream.Configuration;

/// <summary>The "Pipeline" section: batching, in-flight limits, shutdown and health thresholds.</summary>
public sealed class PipelineOptions
{
    public const string SectionName = "Pipeline";

    [Range(1, 4096)]
    public int MaxBatchSequences { get; set; } = 64;

    [Range(16, 1 << 20)]
    public int MaxBatchTokens { get; set; } = 8192;

    /// <summary>Share of a batch's padded tokens that may be padding; a batch is cut rather than padded further. 1 = no cap.</summary>
    [Range(0.0, 1.0)]
    public double MaxBatchPadding { get; set; } = 0.10;

    [Range(0, 60_000)]
    public int BatchDeadlineMs { get; set; } = 20;

    [Range(1, 1_000_000)]
    public int MaxDocumentsInFlight { get; set; } = 1024;

    [Range(1024, long.MaxValue)]
    public long MaxBytesInFlight { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// How long a stop may wait for in-flight documents; the consumer's close then gets a few seconds more. The
    /// default leaves the whole stop inside Kubernetes' 30 s grace period.
    /// </summary>
    [Range(0, 3600)]
    public int DrainTimeoutSeconds { get; set; } = 20;

    /// <summary>A back-pressure pause is normal during a backlog; one that lasts this long is logged as a warning.</summary>
    [Range(1, 86_400)]
    public int PausedWarningSeconds { get; set; } = 60;

    /// <summary>/readyz fails once no broker has been reachable for this long.</summary>
    [Range(1, 86_400)]
    public int BrokerUnreachableSeconds { get; set; } = 60;

    /// <summary>/readyz fails once a partition has had lag without progress for this long; /healthz too while consumption is not paused.</summary>
    [Range(1, 86_400)]
    public int PartitionStallSeconds { get; set; } = 120;
}
