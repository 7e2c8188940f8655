using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using KazNer.Stream.Telemetry;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Kafka;

/// <summary>
/// librdkafka's log and error callbacks of every client, through the worker's logger with the levels mapped.
/// While a broker is away librdkafka repeats the same line many times a second: the first of a kind is logged,
/// repeats within <see cref="SummaryInterval"/> are counted and logged once per interval as one summary line.
/// Every error is counted by kind in the <c>kazner.kafka.client.errors</c> metric.
/// </summary>
internal sealed partial class KafkaClientLog : IDisposable
{
    public const string Consumer = "consumer";
    public const string Producer = "producer";
    public static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string Client, LogLevel Level, string Text), Repeats> seen = new();
    private readonly ILogger logger;
    private readonly StreamMetrics metrics;
    private readonly TimeProvider time;
    private readonly ITimer timer;

    public KafkaClientLog(ILogger<KafkaClientLog> logger, StreamMetrics metrics, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        this.logger = logger;
        this.metrics = metrics;
        this.time = time;
        timer = time.CreateTimer(_ => Summarise(), null, SummaryInterval, SummaryInterval);
    }

    public void Log(string client, LogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var level = (LogLevel)message.LevelAs(LogLevelType.MicrosoftExtensionsLogging);
        if (logger.IsEnabled(level))
        {
            Write(client, level, $"{message.Facility}: {message.Message}");
        }
    }

    public void Error(string client, Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        metrics.ClientError(client, ClientErrorKinds.Of(error));
        Write(client, LogLevel.Warning, $"error (fatal: {error.IsFatal}) {error.Code}: {error.Reason}");
    }

    /// <summary>Logs the counts of repeats since the last summary and forgets quiet lines.</summary>
    public void Summarise()
    {
        foreach (var (key, repeats) in seen)
        {
            var count = repeats.Take();
            if (count > 0)
            {
                KafkaLog.Repeated(logger, key.Level, key.Client, repeats.Text, count, SummaryInterval.TotalSeconds);
            }
            else if (time.GetElapsedTime(repeats.LastSeen) >= SummaryInterval)
            {
                seen.TryRemove(key, out _);
            }
        }
    }

    public void Dispose() => timer.Dispose();

    private void Write(string client, LogLevel level, string text)
    {
        var now = time.GetTimestamp();
        // Lines that differ only in numbers ("after 0ms", "after 3ms") are the same line repeated.
        var repeats = seen.GetOrAdd((client, level, Digits().Replace(text, "#")), _ => new Repeats(text));
        if (repeats.Seen(now))
        {
            KafkaLog.Client(logger, level, client, text);
        }
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    /// <summary>How often one line came since it was last logged.</summary>
    private sealed class Repeats(string text)
    {
        private long count = -1;
        private long lastSeen;

        /// <summary>The first wording, which the summary repeats.</summary>
        public string Text => text;

        public long LastSeen => Interlocked.Read(ref lastSeen);

        /// <returns>True for the first occurrence, which is logged at once.</returns>
        public bool Seen(long now)
        {
            Interlocked.Exchange(ref lastSeen, now);
            return Interlocked.Increment(ref count) == 0;
        }

        public long Take() => Math.Max(0, Interlocked.Exchange(ref count, 0));
    }
}
