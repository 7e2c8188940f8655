using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Kafka;

internal static partial class KafkaLog
{
    [LoggerMessage(EventId = 2000, Message = "librdkafka {Facility}: {Message}")]
    public static partial void Librdkafka(ILogger logger, LogLevel level, string facility, string message);

    [LoggerMessage(2001, LogLevel.Warning, "Kafka client error (fatal: {Fatal}) {Code}: {Reason}")]
    public static partial void ClientError(ILogger logger, bool fatal, ErrorCode code, string reason);

    [LoggerMessage(2002, LogLevel.Warning, "Consume error {Code}: {Reason}")]
    public static partial void ConsumeError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(2010, LogLevel.Warning, "Publishing failed ({Reason}); retry {Attempt} in {Delay}")]
    public static partial void ProduceRetry(ILogger logger, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(2011, LogLevel.Error, "Output topic unavailable: circuit opened, consumption paused for {BreakDuration}")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration);

    [LoggerMessage(2012, LogLevel.Information, "Output topic reachable again: circuit closed")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(2020, LogLevel.Information, "Transactions initialised with transactional.id {TransactionalId}")]
    public static partial void TransactionsReady(ILogger logger, string transactionalId);

    [LoggerMessage(2021, LogLevel.Critical, "Transaction failed and was aborted; stopping so the restart resumes from the committed offsets")]
    public static partial void TransactionAborted(ILogger logger, Exception exception);
}
