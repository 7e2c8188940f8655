using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace KazNer.Faults;

/// <summary>
/// A real <c>kazner run</c> process, started from the executable built beside the harness, with its output in a
/// log file and its peak resident memory (VmHWM) sampled until it exits.
/// </summary>
internal sealed partial class WorkerProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Timer sampler;
    private long peakRssBytes;
    private volatile bool stopRequested;
    private volatile bool joined;
    private volatile bool subscribing;
    private readonly ConcurrentBag<string> implicitlyAcknowledged = [];
    private readonly ConcurrentBag<(int Partition, long From, long To)> offsetResets = [];

    private WorkerProcess(Process process, StreamWriter log)
    {
        this.process = process;
        this.log = log;
        sampler = new Timer(_ => SampleRss(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

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

    public long PeakRssBytes => Interlocked.Read(ref peakRssBytes);


    /// <summary>True when the process ended without the harness asking it to (a crash).</summary>
    public bool Crashed => process.HasExited && !stopRequested;

    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    /// <summary>True when the harness killed it on purpose (SIGKILL).</summary>
    public bool Killed { get; private set; }

    public static WorkerProcess Start(string name, Topology topology, string logDirectory, IEnumerable<(string Key, string Value)> extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kazner.dll"));
        start.ArgumentList.Add("run");
        foreach (var (key, value) in Settings(topology).Concat(extra))
        {
            start.ArgumentList.Add($"--{key}");
            start.ArgumentList.Add(value);
        }

        var log = new StreamWriter(Path.Combine(logDirectory, name + ".log")) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var worker = new WorkerProcess(process, log) { Name = name };
        process.OutputDataReceived += (_, e) => worker.Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => worker.Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        worker.StartSampling();
        return worker;
    }

    /// <summary>SIGTERM: the worker drains and leaves the group, as under a Kubernetes rollout; past <paramref name="grace"/>, SIGKILL.</summary>
    /// <returns>How long the process took to exit after the signal.</returns>
    public async Task<TimeSpan> StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
        {
            return TimeSpan.Zero;
        }

        stopRequested = true;
        SampleRss();
        var signalled = Stopwatch.StartNew();
        _ = Kill(process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return signalled.Elapsed;
    }

    /// <summary>SIGKILL: no drain, no commit, no goodbye to the group.</summary>
    public async Task KillAsync()
    {
        stopRequested = true;
        Killed = true;
        SampleRss();
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(40)).ConfigureAwait(false);
        await sampler.DisposeAsync().ConfigureAwait(false);
        process.WaitForExit();
        process.Dispose();
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
        while (!condition() && !process.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100).ConfigureAwait(false);
        }

        return condition();
    }

    private void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

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

    private void StartSampling() => sampler.Change(TimeSpan.Zero, TimeSpan.FromMilliseconds(250));

    private void SampleRss()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kib = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    var bytes = kib * 1024;
                    long seen;
                    while ((seen = Interlocked.Read(ref peakRssBytes)) < bytes && Interlocked.CompareExchange(ref peakRssBytes, bytes, seen) != seen)
                    {
                    }

                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The process is gone; the last sample stands.
        }
    }

    // KafkaLog.DeliveredWithoutOffset in the worker.
    [GeneratedRegex(@"Delivered (?<id>\S+) to \S+ \[\d+\] without a broker offset")]
    private static partial Regex DeliveredWithoutOffset();

    // librdkafka's consumer log line when the offset it wanted was discarded by the broker before it fetched it.
    [GeneratedRegex(@"\[(?<partition>\d+)\]: offset reset \(at offset (?<from>\d+).*to cached BEGINNING offset offset (?<to>\d+).*Offset out of range")]
    private static partial Regex OffsetReset();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
