using System.Globalization;
using System.Text;

namespace KazNer.Bench;

/// <summary>The Kafka benchmark's figures, as the Markdown table it prints and writes into docs/performance.md.</summary>
internal sealed class KafkaReport
{
    private const string Begin = "<!-- kafka-bench:begin (written by `kazner-bench kafka`; do not edit) -->";
    private const string End = "<!-- kafka-bench:end -->";

    public string Command { get; set; } = "";

    public string Model { get; set; } = "";

    public int Sentences { get; set; }

    public int Documents { get; set; }

    public List<BacklogRound> Rounds { get; } = [];

    /// <summary>The median round's end-to-end throughput, which sets the steady rate.</summary>
    public double KafkaSentencesPerSecond => BenchData.Median(Rounds.Select(r => r.KafkaSentencesPerSecond));

    public double BacklogRssMiB { get; set; }

    public double Fraction { get; set; }

    public double SteadyDocumentsPerSecond { get; set; }

    public double SteadyWorkerCores { get; set; }

    public double SteadyPadding { get; set; }

    public LatencySummary Latency { get; set; } = new(0, 0, 0, 0, 0);

    public double SteadyRssMiB { get; set; }

    public int OutageSeconds { get; set; }

    public double OutageRssMiB { get; set; }

    public double RecoverySeconds { get; set; }

    public string Render()
    {
        var text = new StringBuilder();
        void Row(string measure, string value, string target) => text.Append(CultureInfo.InvariantCulture, $"| {measure} | {value} | {target} |\n");
        string Each(Func<BacklogRound, string> format) => string.Join(", ", Rounds.Select(format));
        text.Append(CultureInfo.InvariantCulture, $"`{Command.Trim()}` on {Environment.ProcessorCount} CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; ");
        text.Append(CultureInfo.InvariantCulture, $"{Model}; {Documents} documents, {Sentences} sentences (KazNERD validation, 8 sentences a document).\n\n");
        text.Append("| measure | value (median of the rounds; each round in brackets) | target |\n| --- | --- | --- |\n");
        Row("raw model, same engine settings, just before each backlog", F($"{BenchData.Median(Rounds.Select(r => r.Raw.SentencesPerSecond)):F0} sentences/s ({Each(r => F($"{r.Raw.SentencesPerSecond:F0}"))})"), "");
        Row("Kafka end to end, backlog, first to last output", F($"{KafkaSentencesPerSecond:F0} sentences/s ({Each(r => F($"{r.KafkaSentencesPerSecond:F0}"))})"), "");
        Row("**end to end / raw**, round by round", F($"**{BenchData.Median(Rounds.Select(r => r.Ratio)):F2}** ({Each(r => F($"{r.Ratio:F2}"))})"), "≥ 0.90");
        Row("worker CPU during the backlog", F($"{BenchData.Median(Rounds.Select(r => r.WorkerCores)):F2} cores of {Environment.ProcessorCount} ({Each(r => F($"{r.WorkerCores:F2}"))})"), "near all");
        Row("the dev broker and the output reader (this process) meanwhile", F($"{BenchData.Median(Rounds.Select(r => r.BrokerCores)):F2} cores"), "");
        Row("padding in the worker's batches (its metric, mean per batch), backlog", F($"{BenchData.Median(Rounds.Select(r => r.Padding)):P1} ({Each(r => F($"{r.Padding:P1}"))})"), "≤ 10 %");
        Row("steady rate", F($"{SteadyDocumentsPerSecond:F1} documents/s = {Fraction:P0} of the backlog throughput; worker {SteadyWorkerCores:F2} cores, padding {SteadyPadding:P1}"), "");
        Row("latency at that rate (input timestamp → output read)", F($"p50 {Latency.P50:F0} ms, p95 {Latency.P95:F0} ms, p99 {Latency.P99:F0} ms, max {Latency.Max:F0} ms ({Latency.Documents} documents)"), "p50 ≤ 100 ms, p99 ≤ 250 ms");
        Row("worker peak RSS: backlog / steady", F($"{BacklogRssMiB:F0} MiB / {SteadyRssMiB:F0} MiB"), "");
        if (OutageSeconds > 0)
        {
            Row($"worker peak RSS through a {OutageSeconds} s broker outage at the steady rate", F($"{OutageRssMiB:F0} MiB; caught up {RecoverySeconds:F0} s after the broker came back"), "≤ 1 GiB");
        }

        return text.ToString();
    }

    /// <summary>Replaces the generated block of <paramref name="path"/> (or appends one) with <paramref name="table"/>.</summary>
    public static void WriteInto(string path, string table)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Performance\n";
        var block = $"{Begin}\n{table}{End}";
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        text = start >= 0 && end > start
            ? string.Concat(text.AsSpan(0, start), block, text.AsSpan(end + End.Length))
            : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(path, text);
    }

    private static string F(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The raw model's pass: sentences per second, this process's CPU meanwhile, and what the idle worker took
/// (none in the first round: it starts after).
/// </summary>
internal sealed record RawPass(double SentencesPerSecond, double Cores, double IdleWorkerCores);

/// <summary>One round: the raw model's pass and the worker's backlog of the same documents right after it.</summary>
internal sealed record BacklogRound(RawPass Raw, double KafkaSentencesPerSecond, double WorkerCores, double BrokerCores, double Padding)
{
    public double Ratio => KafkaSentencesPerSecond / Raw.SentencesPerSecond;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"raw {Raw.SentencesPerSecond:F0} sentences/s on {Raw.Cores:F2} cores (idle worker {Raw.IdleWorkerCores:F2}), end to end {KafkaSentencesPerSecond:F0} = {Ratio:F2} of raw, worker {WorkerCores:F2} cores, broker and reader {BrokerCores:F2}, padding {Padding:P1}");
}
