using Microsoft.Extensions.Logging;

namespace KazNer.Core;

internal static partial class EngineLog
{
    // Information, not a warning: Device=Auto on a machine without CUDA is the ordinary CPU case.
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "CUDA is not available ({Detail}); running the model on the CPU")]
    public static partial void CudaUnavailable(ILogger logger, string detail);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "This build has no CUDA support (ONNX Runtime's CPU package); the model runs on the CPU")]
    public static partial void CpuBuild(ILogger logger);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Loaded model {Name} {Version} from {Directory} on {Device} ({Labels} labels, {Decoder} decoding)")]
    public static partial void ModelLoaded(ILogger logger, string name, string version, string directory, string device, int labels, string decoder);

    /// <summary>The one line that says how inference was sized and which limit decided it.</summary>
    public static void Sizing(ILogger logger, Inference.InferenceSizing sizing) => LogSizing(
        logger, sizing.ConcurrentRuns,
        sizing.ThreadsPerRun > 0 ? sizing.ThreadsPerRun.ToString(System.Globalization.CultureInfo.InvariantCulture) : "ONNX Runtime's default",
        sizing.CpuCount, sizing.MemoryLimitBytes >> 20, sizing.PerRunBytes >> 20, sizing.RunsMemoryHolds, sizing.Bound);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information,
        Message = "Inference sizing: {ConcurrentRuns} concurrent runs, {ThreadsPerRun} threads each; {CpuCount} CPUs, memory limit {MemoryLimitMiB} MiB, {PerRunMiB} MiB per run estimated (memory holds {RunsMemoryHolds}); bound: {Bound}")]
    private static partial void LogSizing(
        ILogger logger, int concurrentRuns, string threadsPerRun, int cpuCount, long memoryLimitMiB, long perRunMiB, int runsMemoryHolds, Inference.SizingBound bound);
}
