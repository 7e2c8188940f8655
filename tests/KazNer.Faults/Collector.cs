using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace KazNer.Faults;

/// <summary>
/// Reads the output and dead-letter topics from the start for the whole scenario, as a downstream client would,
/// and keeps per input id (the record key) how often it came out, where, with what reason, and when first.
/// </summary>
internal sealed class Collector : IDisposable
{
    private const string ErrorHeader = "kazner-error";
    private readonly object gate = new();
    private readonly Dictionary<string, Arrival> arrivals = [];
    private readonly Stopwatch clock;
    private readonly CancellationTokenSource stop = new();
    private readonly Thread thread;
    private readonly string output;
    private readonly string deadLetters;
    private readonly IConsumer<byte[]?, byte[]?> consumer;

    public Collector(Topology topology, Stopwatch clock)
    {
        this.clock = clock;
        output = topology.Output;
        deadLetters = topology.DeadLetters;
        var config = new ConsumerConfig
        {
            BootstrapServers = topology.BootstrapServers,
            GroupId = topology.Group + "-collector",
            EnableAutoCommit = false,
            // Should the mock prune records before they are read, go on from its oldest rather than skip to the end.
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchMaxBytes = 64 * 1024 * 1024,
            LogConnectionClose = false,
        };
        consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        consumer.Assign(Enumerable.Range(0, Topology.Partitions)
            .SelectMany(p => new[] { new TopicPartitionOffset(output, p, Offset.Beginning), new TopicPartitionOffset(deadLetters, p, Offset.Beginning) }));
        thread = new Thread(Run) { IsBackground = true, Name = "collector" };
        thread.Start();
    }

    public sealed class Arrival
    {
        public int Annotated { get; set; }

        public int DeadLettered { get; set; }

        /// <summary>Dead letters that came without a kazner-error header.</summary>
        public int WithoutReason { get; set; }

        public List<string> Reasons { get; } = [];

        public TimeSpan First { get; set; }
    }

    public int Count(IEnumerable<string> ids)
    {
        lock (gate)
        {
            return ids.Count(arrivals.ContainsKey);
        }
    }

    /// <summary>A copy of what arrived so far, keyed by input id.</summary>
    public Dictionary<string, Arrival> Snapshot()
    {
        lock (gate)
        {
            return new Dictionary<string, Arrival>(arrivals);
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        thread.Join();
        consumer.Close();
        consumer.Dispose();
        stop.Dispose();
    }

    private void Run()
    {
        while (!stop.IsCancellationRequested)
        {
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException)
            {
                continue;
            }

            if (result?.Message is { } message)
            {
                Record(result.Topic, message);
            }
        }
    }

    private void Record(string topic, Message<byte[]?, byte[]?> message)
    {
        var id = message.Key is null ? "(no key)" : Encoding.UTF8.GetString(message.Key);
        lock (gate)
        {
            if (!arrivals.TryGetValue(id, out var arrival))
            {
                arrival = new Arrival { First = clock.Elapsed };
                arrivals[id] = arrival;
            }

            if (topic == output)
            {
                arrival.Annotated++;
                return;
            }

            arrival.DeadLettered++;
            if (message.Headers.TryGetLastBytes(ErrorHeader, out var reason) && reason.Length > 0)
            {
                arrival.Reasons.Add(Encoding.UTF8.GetString(reason));
            }
            else
            {
                arrival.WithoutReason++;
            }
        }
    }
}
