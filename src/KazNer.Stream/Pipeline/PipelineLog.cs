using KazNer.Stream.Configuration;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Pipeline;

internal static partial class PipelineLog
{
    [LoggerMessage(1000, LogLevel.Information, "Annotating {InputTopic} into {OutputTopic} (dead letters: {DeadLetterTopic}, delivery: {Delivery})")]
    public static partial void Started(ILogger logger, string inputTopic, string outputTopic, string deadLetterTopic, DeliveryMode delivery);

    [LoggerMessage(1001, LogLevel.Information, "Stopped fetching; draining {Pending} in-flight documents (up to {TimeoutSeconds} s)")]
    public static partial void Draining(ILogger logger, int pending, int timeoutSeconds);

    [LoggerMessage(1002, LogLevel.Warning, "Drain timeout reached with {Pending} documents undelivered; they stay uncommitted and will be consumed again")]
    public static partial void DrainTimedOut(ILogger logger, int pending);

    [LoggerMessage(1003, LogLevel.Information, "Pipeline stopped; {Pending} documents left uncommitted")]
    public static partial void Stopped(ILogger logger, int pending);

    [LoggerMessage(1004, LogLevel.Warning, "Stopped with offsets left uncommitted; the next owner reads these again: {Positions}")]
    public static partial void LeftUncommitted(ILogger logger, string positions);

    [LoggerMessage(1005, LogLevel.Warning, "The consumer did not leave the group within {Seconds} s (a rebalance the coordinator has not settled); exiting anyway, the group times this member out")]
    public static partial void ConsumerAbandoned(ILogger logger, int seconds);

    [LoggerMessage(1017, LogLevel.Debug, "Consumption paused to stop: draining {Documents} documents, {Bytes} bytes in flight")]
    public static partial void PausedToStop(ILogger logger, long documents, long bytes);

    [LoggerMessage(1010, LogLevel.Information, "Consumption paused: {Documents} documents, {Bytes} bytes in flight, sink down: {SinkDown}")]
    public static partial void Paused(ILogger logger, long documents, long bytes, bool sinkDown);

    [LoggerMessage(1012, LogLevel.Warning, "Consumption has been paused for {Seconds} s: {Documents} documents, {Bytes} bytes in flight, sink down: {SinkDown}")]
    public static partial void PausedLong(ILogger logger, int seconds, long documents, long bytes, bool sinkDown);

    [LoggerMessage(1011, LogLevel.Information, "Consumption resumed")]
    public static partial void Resumed(ILogger logger);

    [LoggerMessage(1020, LogLevel.Information, "Partitions assigned: {Partitions}")]
    public static partial void PartitionsAssigned(ILogger logger, string partitions);

    [LoggerMessage(1021, LogLevel.Information, "Partitions revoked: {Partitions}")]
    public static partial void PartitionsRevoked(ILogger logger, string partitions);

    [LoggerMessage(1022, LogLevel.Warning, "Partitions lost, in-flight work dropped without commit: {Partitions}")]
    public static partial void PartitionsLost(ILogger logger, string partitions);

    [LoggerMessage(1023, LogLevel.Warning, "{Count} undelivered documents of {Partitions} dropped; the next owner consumes them again")]
    public static partial void InFlightDropped(ILogger logger, int count, string partitions);

    [LoggerMessage(1030, LogLevel.Warning, "Offset commit failed ({Reason}); trying again")]
    public static partial void CommitFailed(ILogger logger, string reason);

    [LoggerMessage(1040, LogLevel.Warning, "Inference failed for a batch of {Count} sequences; isolating the failing documents")]
    public static partial void BatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(1050, LogLevel.Warning, "Output for {Source} was rejected ({Reason}); dead-lettering the document")]
    public static partial void OutputRejected(ILogger logger, string source, string reason);

    [LoggerMessage(1051, LogLevel.Error, "The dead-letter topic refused a record ({Reason}); consumption paused, retry {Attempt} in {Delay}")]
    public static partial void DeadLetterRefused(ILogger logger, string reason, int attempt, TimeSpan delay);
}
