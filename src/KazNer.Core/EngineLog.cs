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
        Message = "Loaded model {Name} {Version} from {Directory} on {Device} ({Labels} labels, {Decoder} decoding, {ConcurrentRuns} concurrent runs)")]
    public static partial void ModelLoaded(ILogger logger, string name, string version, string directory, string device, int labels, string decoder, int concurrentRuns);
}
