using System.Collections.Concurrent;
using System.Text.Json;
using Confluent.Kafka;

namespace KazNer.Bench;

/// <summary>Reads the output topic from the start and notes when each document id arrived.</summary>
internal sealed class OutputWatcher : IDisposable
{
    private readonly IConsumer<byte[], byte[]> consumer;
    private readonly CancellationTokenSource stopping = new();
    private readonly Thread thread;

    public OutputWatcher(string bootstrap, string topic)
    {
        consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "kazner-bench-watcher",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            FetchWaitMaxMs = 5,
        }).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe(topic);
        thread = new Thread(Run) { IsBackground = true, Name = "output-watcher" };
        thread.Start();
    }

    /// <summary>Document id → when its output was read (UTC).</summary>
    public ConcurrentDictionary<string, DateTime> Arrived { get; } = new(StringComparer.Ordinal);

    public int Count(string prefix) => Arrived.Keys.Count(k => k.StartsWith(prefix, StringComparison.Ordinal));

    public async Task WaitForAsync(string prefix, int count, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Count(prefix) < count)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"only {Count(prefix)} of {count} '{prefix}' outputs after {timeout.TotalSeconds:F0} s");
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

            if (result?.Message?.Value is { } value)
            {
                var now = DateTime.UtcNow;
                using var json = JsonDocument.Parse(value);
                Arrived.TryAdd(json.RootElement.GetProperty("id").GetString()!, now);
            }
        }
    }
}
