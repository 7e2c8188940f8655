using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace KazNer.Faults;

/// <summary>
/// Produces the input at a steady rate, as an outside client would, and remembers which records the cluster
/// acknowledged and when: only acknowledged records are expected to come out.
/// </summary>
internal sealed class Feeder(string bootstrapServers, string topic)
{
    private readonly ConcurrentDictionary<string, TimeSpan> acknowledged = new();
    private readonly ConcurrentDictionary<string, TopicPartitionOffset> stored = new();
    private int failed;

    public IReadOnlyDictionary<string, TimeSpan> Acknowledged => acknowledged;

    /// <summary>Where the cluster stored each acknowledged input.</summary>
    public IReadOnlyDictionary<string, TopicPartitionOffset> Stored => stored;

    public int Failed => failed;

    /// <summary>Spreads <paramref name="messages"/> evenly over <paramref name="duration"/> (all at once when zero).</summary>
    public async Task FeedAsync(IReadOnlyList<FeedMessage> messages, TimeSpan duration, Stopwatch clock, CancellationToken cancellationToken)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            LingerMs = 5,
            MessageMaxBytes = 8 * 1024 * 1024,
            MessageTimeoutMs = 600_000,
            LogConnectionClose = false,
        };
        using var producer = new ProducerBuilder<byte[], byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        var started = clock.Elapsed;
        for (var i = 0; i < messages.Count; i++)
        {
            var due = started + (duration * i / messages.Count);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken).ConfigureAwait(false);
            }

            var message = messages[i];
            var record = new Message<byte[], byte[]?> { Key = Encoding.UTF8.GetBytes(message.Id), Value = message.Value };
            Produce(producer, record, message.Id, clock);
        }

        await Task.Run(() => producer.Flush(TimeSpan.FromMinutes(10)), cancellationToken).ConfigureAwait(false);
    }

    private void Produce(IProducer<byte[], byte[]?> producer, Message<byte[], byte[]?> record, string id, Stopwatch clock)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, record, report =>
                {
                    if (report.Error.IsError)
                    {
                        Interlocked.Increment(ref failed);
                    }
                    else
                    {
                        acknowledged[id] = clock.Elapsed;
                        stored[id] = report.TopicPartitionOffset;
                    }
                });
                return;
            }
            catch (ProduceException<byte[], byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(100));
            }
        }
    }
}
