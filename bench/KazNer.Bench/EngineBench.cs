using System.Diagnostics;
using KazNer.Core;
using KazNer.Core.Inference;

namespace KazNer.Bench;

/// <summary>
/// Throughput of the engine on the KazNERD validation text: the model alone (pre-tokenized, length-sorted
/// batches straight into the session) against the whole annotate path (split, tokenize, encode, batch,
/// infer, assemble). Rounds alternate so a noisy neighbour hits both sides alike; medians are printed.
/// Usage: kazner-bench [--model DIR] [--data IOB2_valid.txt] [--rounds N] [--limit SENTENCES]
///   [--device Cpu|Cuda|Auto] [--threads N] [--inter-op N] [--concurrent N] [--batch-tokens N] [--batch-sequences N]
/// </summary>
internal static class EngineBench
{
    public static int Run(BenchArguments arguments)
    {
        var rounds = arguments.Int("--rounds", 3);
        var documents = BenchData.Documents(arguments);
        var options = BenchData.EngineOptions(arguments);
        using var engine = NerEngine.Load(options);
        var policy = new BatchPolicy(options.MaxBatchTokens, options.MaxBatchSequences, options.MaxBatchPadding);
        var raw = new RawModel(engine, documents, policy);
        Console.WriteLine($"model {engine.Model.Name} {engine.Model.Version} on {engine.Model.Device}, {engine.Model.ConcurrentRuns} concurrent runs " +
            $"(threads {options.IntraOpThreads}, inter-op {options.InterOpThreads}); {raw.Sentences} sentences, {documents.Count} documents, " +
            $"{raw.Tokens} tokens, {raw.Batches} batches, padding {raw.Padding:P1}");

        double TimeAnnotate()
        {
            var clock = Stopwatch.StartNew();
            // The same chunking as `kazner annotate`.
            foreach (var chunk in documents.Chunk(NerEngine.StreamingChunkSize))
            {
                engine.Annotate(chunk);
            }

            return clock.Elapsed.TotalSeconds;
        }

        var cpu = Process.GetCurrentProcess();
        raw.Time();
        TimeAnnotate();
        var rawTimes = new List<double>();
        var annotateTimes = new List<double>();
        var cpuBefore = cpu.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            rawTimes.Add(raw.Time());
            annotateTimes.Add(TimeAnnotate());
        }

        cpu.Refresh();
        var cores = (cpu.TotalProcessorTime - cpuBefore).TotalSeconds / wall.Elapsed.TotalSeconds;
        var rawSeconds = BenchData.Median(rawTimes);
        var annotateSeconds = BenchData.Median(annotateTimes);
        Console.WriteLine($"raw model   : {raw.Sentences / rawSeconds,9:F0} sentences/s {raw.Tokens / rawSeconds,10:F0} tokens/s ({rawSeconds:F2} s, median of {rounds})");
        Console.WriteLine($"end to end  : {raw.Sentences / annotateSeconds,9:F0} sentences/s {raw.Tokens / annotateSeconds,10:F0} tokens/s ({annotateSeconds:F2} s, median of {rounds})");
        Console.WriteLine($"end-to-end / raw = {rawSeconds / annotateSeconds:P1} (target >= 90%); process CPU {cores:F2} cores of {Environment.ProcessorCount}");
        return 0;
    }
}
