using Confluent.Kafka;

namespace KazNer.Stream.DeadLetters;

/// <summary>
/// librdkafka's own lines for a one-shot command: errors only (an authentication failure, a broker that refuses
/// the connection), one line each on stderr; its chatter about connections and rebalances stays out.
/// </summary>
internal static class ToolLog
{
    public static void Write(LogMessage log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.Level <= SyslogLevel.Error)
        {
            Console.Error.WriteLine($"kazner: kafka: {log.Facility}: {log.Message}");
        }
    }
}
