using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;

namespace KazNer.Bench;

/// <summary>
/// Reads every partition of the output topic from the start and notes when each document id arrived. It
/// assigns the partitions itself rather than joining a group: a group member that loses its session in a
/// broker outage rejoins and, with nothing committed, reads the whole topic again, which then counts as the
/// worker's time to catch up.
/// </summary>
internal sealed class OutputWatcher : IDisposable
{
    private readonly IConsumer<byte[], byte[]> consumer;
    private readonly CancellationTokenSource stopping = new();
    private readonly Thread thread;
    private readonly ConcurrentDictionary<char, int> arrivedPerPhase = new();

    public OutputWatcher(string bootstrap, string topic, int partitions)
    {
        consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            // Confluent.Kafka refuses a consumer without one, even one that only assigns partitions.
            GroupId = "kazner-bench-watcher",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 5,
        }).SetLogHandler((_, _) => { }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        thread = new Thread(Run) { IsBackground = true, Name = "output-watcher" };
        thread.Start();
    }

    /// <summary>Document id → when its output was read (UTC).</summary>
    public ConcurrentDictionary<string, DateTime> Arrived { get; } = new(StringComparer.Ordinal);

    /// <summary>Outputs arrived for the document ids starting with <paramref name="phase"/>.</summary>
    // Counted as they arrive: counting the dictionary's keys every 50 ms took CPU from the worker under test.
    public int Count(char phase) => arrivedPerPhase.TryGetValue(phase, out var count) ? count : 0;

    public async Task WaitForAsync(char phase, int count, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Count(phase) < count)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"only {Count(phase)} of {count} '{phase}' outputs after {timeout.TotalSeconds:F0} s");
            }

            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        thread.Join();
        consumer.Close();
        consumer.Dispose();
        stopping.Dispose();
    }

    private void Run()
    {
        while (!stopping.IsCancellationRequested)
        {
            ConsumeResult<byte[], byte[]>? result;
            try
            {
                result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            }
            catch (ConsumeException)
            {
                continue;
            }

            // The worker keeps the input record's key (the document id), so the output need not be parsed.
            if (result?.Message?.Key is { } key)
            {
                var id = Encoding.UTF8.GetString(key);
                if (Arrived.TryAdd(id, DateTime.UtcNow))
                {
                    arrivedPerPhase.AddOrUpdate(id[0], 1, (_, n) => n + 1);
                }
            }
        }
    }
}
