using System.Diagnostics;
using KazNer.Core;
using KazNer.Core.Inference;

namespace KazNer.Bench;

/// <summary>
/// The model alone: pre-tokenized, length-sorted batches straight into the session, as many at a time as
/// the engine runs concurrently (the same number the worker keeps in flight).
/// </summary>
internal sealed class RawModel
{
    private readonly NerEngine engine;
    private readonly IReadOnlyList<IReadOnlyList<EncodedSequence>> batches;

    public RawModel(NerEngine engine, IEnumerable<NerDocument> documents, BatchPolicy policy)
    {
        this.engine = engine;
        var prepared = documents.Select(engine.Prepare).ToList();
        var sequences = prepared.SelectMany(d => d.Sequences).ToList();
        batches = BatchPlanner.Plan(sequences, policy);
        Sentences = prepared.Sum(d => d.Sentences.Count);
        Tokens = sequences.Sum(s => s.Length);
        var padded = batches.Sum(b => (long)b.Count * b.Max(s => s.Length));
        Padding = 1 - ((double)Tokens / padded);
    }

    public int Sentences { get; }

    public long Tokens { get; }

    public int Batches => batches.Count;

    public double Padding { get; }

    /// <returns>Seconds for one pass over every batch.</returns>
    public double Time()
    {
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = engine.Model.ConcurrentRuns }, batch => engine.Infer(batch));
        return clock.Elapsed.TotalSeconds;
    }
}
