using System.Diagnostics;
using System.Globalization;
using KazNer.Core;
using KazNer.Core.Inference;

namespace KazNer.Bench;

/// <summary>
/// The worker end to end: the dev broker (librdkafka's mock cluster) in this process, `kazner run` as a child
/// process. Rounds (3 by default) of the raw model alone (same engine settings as the worker) followed by a
/// backlog of the same documents in the input topic (first to last output), so each round's ratio compares
/// two passes a minute apart on a machine whose speed drifts; then a steady rate at a fraction of the backlog
/// throughput (latency from each input record's timestamp to its output being read) and the same rate through
/// a broker outage (peak RSS). Usage: kazner-bench kafka [--rounds 3] [--partitions 4] [--fraction 0.5]
///   [--steady-seconds 30] [--outage-seconds 60] [--no-docs] [--Section:Key value ...for the worker] plus
///   EngineBench's engine options.
/// </summary>
internal static class KafkaBench
{
    private const string InputTopic = "bench.news";
    private const string OutputTopic = "bench.annotated";

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var documents = BenchData.Documents(arguments);
        var options = BenchData.EngineOptions(arguments);
        var report = new KafkaReport
        {
            Command = "dotnet run -c Release --project bench/KazNer.Bench -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            Documents = documents.Count,
        };

        using (var engine = NerEngine.Load(options))
        using (var broker = new BenchBroker())
        {
            var raw = new RawModel(engine, documents, new BatchPolicy(options.MaxBatchTokens, options.MaxBatchSequences, options.MaxBatchPadding));
            // An untimed first pass: ONNX Runtime's first runs allocate and tune, which no round should pay for.
            raw.Time();
            report.Sentences = raw.Sentences;
            report.Model = $"{engine.Model.Name} {engine.Model.Version} on {engine.Model.Device}, {engine.Model.ConcurrentRuns} concurrent runs, raw batches' padding {raw.Padding:P1}";
            var partitions = arguments.Int("--partitions", 4);
            broker.CreateTopic(InputTopic, partitions);
            broker.CreateTopic(OutputTopic, partitions);
            broker.CreateTopic(InputTopic + ".dlq", 1);
            await RunWorkerPhasesAsync(arguments, documents, options, report, broker, raw, partitions).ConfigureAwait(false);
        }

        var table = report.Render();
        Console.WriteLine();
        Console.WriteLine(table);
        if (!arguments.Flag("--no-docs"))
        {
            KafkaReport.WriteInto(Path.Combine(BenchData.Root, "docs", "performance.md"), table);
            Console.WriteLine("written to docs/performance.md");
        }

        return 0;
    }

    private static async Task RunWorkerPhasesAsync(
        BenchArguments arguments, IReadOnlyList<NerDocument> documents, NerEngineOptions options, KafkaReport report, BenchBroker broker, RawModel raw, int partitions)
    {
        using var producer = new InputProducer(broker.BootstrapServers, InputTopic);
        using var watcher = new OutputWatcher(broker.BootstrapServers, OutputTopic, partitions);
        WorkerProcess? worker = null;
        try
        {
            for (var round = 0; round < arguments.Int("--rounds", 3); round++)
            {
                var rawPass = MeasureRaw(raw, worker);
                for (var i = 0; i < documents.Count; i++)
                {
                    producer.Send($"b{round}.{i}", documents[i].Text);
                }

                producer.Flush();
                worker ??= WorkerProcess.Start(broker.BootstrapServers, InputTopic, OutputTopic, [.. WorkerSettings(options), .. arguments.WorkerSettings()]);
                report.Rounds.Add(await BacklogAsync(rawPass, round, documents.Count, report.Sentences, watcher, worker).ConfigureAwait(false));
                Console.WriteLine($"round {round + 1}: {report.Rounds[^1]}");
            }

            report.BacklogRssMiB = worker!.TakePeakRssMiB();
            await SteadyAsync(arguments, documents, report, producer, watcher, worker).ConfigureAwait(false);
            var outageSeconds = arguments.Int("--outage-seconds", 60);
            if (outageSeconds > 0)
            {
                await OutageAsync(outageSeconds, documents, report, broker, producer, watcher, worker).ConfigureAwait(false);
            }
        }
        finally
        {
            worker?.Dispose();
        }
    }

    /// <summary>One pass of the raw model, with this process's CPU and what the (idle) worker took meanwhile.</summary>
    private static RawPass MeasureRaw(RawModel raw, WorkerProcess? worker)
    {
        var workerCpu = worker?.CpuSeconds() ?? 0;
        var cpu = ThisProcessCpuSeconds();
        var seconds = raw.Time();
        return new RawPass(
            SentencesPerSecond: raw.Sentences / seconds,
            Cores: (ThisProcessCpuSeconds() - cpu) / seconds,
            IdleWorkerCores: ((worker?.CpuSeconds() ?? 0) - workerCpu) / seconds);
    }

    /// <summary>
    /// Every document of one round already in the topic when the worker reaches it: throughput and CPU from
    /// the first output to the last.
    /// </summary>
    private static async Task<BacklogRound> BacklogAsync(RawPass raw, int round, int count, int sentences, OutputWatcher watcher, WorkerProcess worker)
    {
        var before = round * count;
        await watcher.WaitForAsync('b', before + 1, TimeSpan.FromMinutes(3)).ConfigureAwait(false);
        var cpu = worker.CpuSeconds();
        var benchCpu = ThisProcessCpuSeconds();
        var padding = await WorkerMetrics.PaddingAsync(worker.HttpPort).ConfigureAwait(false);
        await watcher.WaitForAsync('b', before + count, TimeSpan.FromMinutes(20)).ConfigureAwait(false);
        var cpuUsed = worker.CpuSeconds() - cpu;
        var benchCpuUsed = ThisProcessCpuSeconds() - benchCpu;
        var paddingAfter = await WorkerMetrics.PaddingAsync(worker.HttpPort).ConfigureAwait(false);
        var prefix = $"b{round}.";
        var arrivals = watcher.Arrived.Where(a => a.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(a => a.Value).ToList();
        var seconds = (arrivals.Max() - arrivals.Min()).TotalSeconds;

        // The clock starts when the first output arrives, so that document is not counted.
        return new BacklogRound(
            raw,
            KafkaSentencesPerSecond: sentences * (count - 1.0) / count / seconds,
            WorkerCores: cpuUsed / seconds,
            BrokerCores: benchCpuUsed / seconds,
            Padding: WorkerMetrics.Mean(padding, paddingAfter));
    }

    private static double ThisProcessCpuSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>A steady rate at a fraction of the backlog throughput: latency.</summary>
    private static async Task SteadyAsync(
        BenchArguments arguments, IReadOnlyList<NerDocument> documents, KafkaReport report, InputProducer producer, OutputWatcher watcher, WorkerProcess worker)
    {
        report.Fraction = arguments.Number("--fraction", 0.5);
        report.SteadyDocumentsPerSecond = report.Fraction * report.KafkaSentencesPerSecond / (report.Sentences / (double)report.Documents);
        var padding = await WorkerMetrics.PaddingAsync(worker.HttpPort).ConfigureAwait(false);
        var cpu = worker.CpuSeconds();
        var clock = Stopwatch.StartNew();
        var sent = await producer.SendAtRateAsync("s", documents, report.SteadyDocumentsPerSecond, TimeSpan.FromSeconds(arguments.Int("--steady-seconds", 30))).ConfigureAwait(false);
        var cpuUsed = worker.CpuSeconds() - cpu;
        var seconds = clock.Elapsed.TotalSeconds;
        await watcher.WaitForAsync('s', sent, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        report.SteadyWorkerCores = cpuUsed / seconds;
        report.SteadyPadding = WorkerMetrics.Mean(padding, await WorkerMetrics.PaddingAsync(worker.HttpPort).ConfigureAwait(false));
        report.Latency = Latencies(producer, watcher, "s");
        report.SteadyRssMiB = worker.TakePeakRssMiB();
        Console.WriteLine($"steady {report.SteadyDocumentsPerSecond:F1} documents/s: latency p50 {report.Latency.P50:F0} ms, p99 {report.Latency.P99:F0} ms");
    }

    /// <summary>The steady rate on, the broker gone for a while in the middle: peak RSS and the time to catch up.</summary>
    private static async Task OutageAsync(
        int outageSeconds, IReadOnlyList<NerDocument> documents, KafkaReport report, BenchBroker broker, InputProducer producer, OutputWatcher watcher, WorkerProcess worker)
    {
        var sending = producer.SendAtRateAsync("o", documents, report.SteadyDocumentsPerSecond, TimeSpan.FromSeconds(outageSeconds + 20));
        await Task.Delay(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        broker.Stop();
        await Task.Delay(TimeSpan.FromSeconds(outageSeconds)).ConfigureAwait(false);
        broker.Start();
        var back = Stopwatch.StartNew();
        var sent = await sending.ConfigureAwait(false);
        producer.Flush();
        await watcher.WaitForAsync('o', sent, TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        report.OutageSeconds = outageSeconds;
        report.RecoverySeconds = back.Elapsed.TotalSeconds;
        report.OutageRssMiB = worker.TakePeakRssMiB();
        Console.WriteLine($"outage {outageSeconds} s: peak RSS {report.OutageRssMiB:F0} MiB, caught up {report.RecoverySeconds:F0} s after the broker came back");
    }

    /// <remarks>
    /// The mock broker answers a fetch that finds no data only after fetch.wait.max.ms (500 ms by default)
    /// even when data arrives meanwhile; a real broker answers as soon as there is data. Measured here:
    /// p50 855 ms with the default against 82 ms with 10 ms, so the worker gets 10 ms (override it like any setting).
    /// </remarks>
    private static IEnumerable<string> WorkerSettings(NerEngineOptions options) =>
    [
        "--Kafka:ConsumerProperties:fetch.wait.max.ms", "10",
        "--Model:Path", options.Path, "--Model:Device", options.Device.ToString(),
        "--Model:IntraOpThreads", options.IntraOpThreads.ToString(CultureInfo.InvariantCulture),
        "--Model:InterOpThreads", options.InterOpThreads.ToString(CultureInfo.InvariantCulture),
        "--Model:ConcurrentRuns", options.ConcurrentRuns.ToString(CultureInfo.InvariantCulture),
        "--Pipeline:MaxBatchTokens", options.MaxBatchTokens.ToString(CultureInfo.InvariantCulture),
        "--Pipeline:MaxBatchSequences", options.MaxBatchSequences.ToString(CultureInfo.InvariantCulture),
        "--Pipeline:MaxBatchPadding", options.MaxBatchPadding.ToString(CultureInfo.InvariantCulture),
    ];

    private static LatencySummary Latencies(InputProducer producer, OutputWatcher watcher, string prefix)
    {
        var milliseconds = producer.Sent.Where(s => s.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(s => (watcher.Arrived[s.Key] - s.Value).TotalMilliseconds)
            .Order()
            .ToList();
        double At(double q) => milliseconds[Math.Clamp((int)Math.Ceiling(q * milliseconds.Count) - 1, 0, milliseconds.Count - 1)];
        return new LatencySummary(milliseconds.Count, At(0.50), At(0.95), At(0.99), milliseconds[^1]);
    }
}
