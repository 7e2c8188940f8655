using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Hosting;

internal static partial class WorkerLog
{
    [LoggerMessage(3000, LogLevel.Critical, "FATAL: {Reason}. The worker stops; uncommitted documents will be consumed again after restart")]
    public static partial void Fatal(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(3002, LogLevel.Debug, "Where the fatal error was raised")]
    public static partial void FatalDetail(ILogger logger, Exception exception);

    [LoggerMessage(3001, LogLevel.Information, "Model {Name} {Version} loaded on {Device}")]
    public static partial void ModelLoaded(ILogger logger, string name, string version, string device);
}
