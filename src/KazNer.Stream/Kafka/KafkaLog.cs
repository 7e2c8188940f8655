using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Kafka;

internal static partial class KafkaLog
{
    [LoggerMessage(EventId = 2000, Message = "Kafka {Client} {Text}")]
    public static partial void Client(ILogger logger, LogLevel level, string client, string text);

    [LoggerMessage(EventId = 2001, Message = "Kafka {Client} {Text} (repeated {Count} more times in the last {Seconds} s)")]
    public static partial void Repeated(ILogger logger, LogLevel level, string client, string text, long count, double seconds);

    [LoggerMessage(2010, LogLevel.Warning, "Publishing failed ({Reason}); retry {Attempt} in {Delay}")]
    public static partial void ProduceRetry(ILogger logger, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(2011, LogLevel.Error, "Output topic unavailable: circuit opened, consumption paused for {BreakDuration}")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration);

    [LoggerMessage(2012, LogLevel.Information, "Output topic reachable again: circuit closed")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(2013, LogLevel.Debug, "Delivered {Key} to {Topic} [{Partition}] without a broker offset: acknowledged implicitly by a later batch")]
    public static partial void DeliveredWithoutOffset(ILogger logger, string key, string topic, int partition);

    [LoggerMessage(2020, LogLevel.Information, "Transactions initialised with transactional.id {TransactionalId}")]
    public static partial void TransactionsReady(ILogger logger, string transactionalId);

    [LoggerMessage(2021, LogLevel.Critical, "Transaction failed and was aborted; stopping so the restart resumes from the committed offsets")]
    public static partial void TransactionAborted(ILogger logger, Exception exception);
}
