using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Cli;

/// <summary>Logs of the offline commands go to stderr, one line each, so stdout stays pure JSON Lines.</summary>
internal static class CliLogging
{
    public static ILoggerFactory Create() => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Information)
        .AddSimpleConsole(o => o.SingleLine = true)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}
