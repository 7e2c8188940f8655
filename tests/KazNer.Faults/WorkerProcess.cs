using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using KazNer.Testing;

namespace KazNer.Faults;

/// <summary>
/// A real <c>kazner run</c> process (<see cref="KaznerChildProcess"/>) with its output in a log file, and what the
/// harness reads from that output: when it joined its group, and the ids and offsets the mock may have lost.
/// </summary>
internal sealed partial class WorkerProcess : IAsyncDisposable
{
    private readonly StreamWriter log;
    private KaznerChildProcess? process;
    private volatile bool stopRequested;
    private volatile bool joined;
    private volatile bool subscribing;
    private volatile bool wroteAnything;
    private readonly ConcurrentBag<string> implicitlyAcknowledged = [];
    private readonly ConcurrentBag<(int Partition, long From, long To)> offsetResets = [];

    private WorkerProcess(StreamWriter log) => this.log = log;

    public string Name { get; private init; } = "";

    /// <summary>
    /// Input ids whose output the worker's producer reported delivered without a broker offset: librdkafka
    /// acknowledged them implicitly because a later batch succeeded (see docs/reliability.md, known failures).
    /// </summary>
    public IReadOnlyCollection<string> ImplicitlyAcknowledged => implicitlyAcknowledged;

    /// <summary>
    /// Input offsets librdkafka reported gone from the broker before this worker fetched them ("offset reset …
    /// Offset out of range"): the mock keeps only the last few MB of a partition and discards older records.
    /// </summary>
    public IReadOnlyCollection<(int Partition, long From, long To)> OffsetResets => offsetResets;

    public long PeakRssBytes => Process.HighWaterMarkBytes;

    /// <summary>True when the process ended without the harness asking it to (a crash).</summary>
    public bool Crashed => Process.HasExited && !stopRequested;

    public int? ExitCode => Process.ExitCode;

    /// <summary>
    /// True when SIGTERM's default action ended it (exit 143) before it wrote a line: the signal came before the .NET
    /// runtime had installed its handler (about 0.25 s after exec on an idle 2-CPU machine, longer under load), so
    /// none of the worker's code had run and nothing was consumed. No program can drain before it runs.
    /// </summary>
    public bool EndedBeforeRuntime => Process.HasExited && Process.ExitCode == 143 && !wroteAnything;

    /// <summary>True when the harness killed it on purpose (SIGKILL).</summary>
    public bool Killed { get; private set; }

    private KaznerChildProcess Process => process ?? throw new InvalidOperationException("not started");

    public static WorkerProcess Start(string name, Topology topology, string logDirectory, IEnumerable<(string Key, string Value)> extra)
    {
        var log = new StreamWriter(Path.Combine(logDirectory, name + ".log")) { AutoFlush = true };
        var worker = new WorkerProcess(log) { Name = name };
        string[] arguments = ["run", .. Settings(topology).Concat(extra).SelectMany(s => new[] { $"--{s.Item1}", s.Item2 })];
        worker.process = KaznerChildProcess.Start(arguments, worker.Write);
        return worker;
    }

    /// <summary>SIGTERM: the worker drains and leaves the group, as under a Kubernetes rollout; past <paramref name="grace"/>, SIGKILL.</summary>
    /// <returns>How long the process took to exit after the signal.</returns>
    public Task<TimeSpan> StopAsync(TimeSpan grace)
    {
        stopRequested = true;
        return Process.StopAsync(grace);
    }

    /// <summary>SIGKILL: no drain, no commit, no goodbye to the group.</summary>
    public Task KillAsync()
    {
        stopRequested = true;
        Killed = true;
        return Process.KillAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(40)).ConfigureAwait(false);
        await Process.DisposeAsync().ConfigureAwait(false);
        lock (log)
        {
            log.Dispose();
        }
    }

    /// <summary>
    /// The mock holds a rebalance for session.timeout.ms less a second before it answers JoinGroup; a short session
    /// (which a real broker would refuse below 6 s) keeps rebalances to seconds, as in the integration tests.
    /// </summary>
    private static IEnumerable<(string, string)> Settings(Topology topology) =>
    [
        ("Kafka:BootstrapServers", topology.BootstrapServers),
        ("Kafka:InputTopic", topology.Input),
        ("Kafka:OutputTopic", topology.Output),
        ("Kafka:DeadLetterTopic", topology.DeadLetters),
        ("Kafka:GroupId", topology.Group),
        ("Kafka:ConsumerProperties:session.timeout.ms", "2000"),
        ("Kafka:ConsumerProperties:heartbeat.interval.ms", "200"),
        ("Http:Port", "0"),
        ("Model:Device", "Cpu"),
        ("Model:IntraOpThreads", "1"),
        ("Pipeline:DrainTimeoutSeconds", "20"),
        ("Logging:LogLevel:Default", "Warning"),
        // The assignment lines tell the harness when a worker has joined its group.
        ("Logging:LogLevel:KazNer.Stream.Pipeline.AnnotationPipeline", "Information"),
        // The ids librdkafka acknowledged without an offset, which the mock may not hold (docs/reliability.md).
        ("Logging:LogLevel:KazNer.Stream.Pipeline.IRecordSink", "Debug"),
    ];

    /// <summary>Waits until the worker has logged a partition assignment (it joined the group), or the timeout.</summary>
    public Task<bool> JoinedAsync(TimeSpan timeout) => WhenAsync(() => joined, timeout);

    /// <summary>Waits until the worker has loaded its model and is about to join its group, or the timeout.</summary>
    public Task<bool> SubscribingAsync(TimeSpan timeout) => WhenAsync(() => subscribing, timeout);

    private async Task<bool> WhenAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && !Process.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100).ConfigureAwait(false);
        }

        return condition();
    }

    private void Write(string line)
    {
        wroteAnything = true;
        if (line.Contains("Partitions assigned", StringComparison.Ordinal))
        {
            joined = true;
        }

        // PipelineLog.Started: logged right before the consumer subscribes and asks to join its group.
        if (line.Contains("Annotating ", StringComparison.Ordinal))
        {
            subscribing = true;
        }

        if (DeliveredWithoutOffset().Match(line) is { Success: true } match)
        {
            implicitlyAcknowledged.Add(match.Groups["id"].Value);
        }

        if (OffsetReset().Match(line) is { Success: true } reset)
        {
            offsetResets.Add((
                int.Parse(reset.Groups["partition"].Value, CultureInfo.InvariantCulture),
                long.Parse(reset.Groups["from"].Value, CultureInfo.InvariantCulture),
                long.Parse(reset.Groups["to"].Value, CultureInfo.InvariantCulture)));
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }

    // KafkaLog.DeliveredWithoutOffset in the worker.
    [GeneratedRegex(@"Delivered (?<id>\S+) to \S+ \[\d+\] without a broker offset")]
    private static partial Regex DeliveredWithoutOffset();

    // librdkafka's consumer log line when the offset it wanted was discarded by the broker before it fetched it.
    [GeneratedRegex(@"\[(?<partition>\d+)\]: offset reset \(at offset (?<from>\d+).*to cached BEGINNING offset offset (?<to>\d+).*Offset out of range")]
    private static partial Regex OffsetReset();
}
