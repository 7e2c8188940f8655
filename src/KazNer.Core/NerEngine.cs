using System.Globalization;
using System.Runtime.ExceptionServices;
using KazNer.Core.Decoding;
using KazNer.Core.Inference;
using KazNer.Core.Model;
using KazNer.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KazNer.Core;

/// <summary>The engine over one model bundle. Thread-safe; dispose it to release the inference session.</summary>
public sealed class NerEngine : INerEngine, IDisposable
{
    private readonly DocumentEncoder encoder;
    private readonly OnnxTokenClassifier classifier;
    private readonly EntityAssembler assembler;
    private readonly BatchPolicy batchPolicy;

    private NerEngine(ModelBundle bundle, OnnxTokenClassifier classifier, BatchPolicy batchPolicy, float minScore, ILogger logger)
    {
        this.classifier = classifier;
        this.batchPolicy = batchPolicy;
        var pieces = XlmRobertaPieceEncoder.Load(bundle.TokenizerPath);
        encoder = new DocumentEncoder(pieces, bundle.MaxSequenceLength);
        var decoder = new LabelDecoder(bundle.Labels, bundle.Crf);
        assembler = new EntityAssembler(bundle.Labels, decoder, minScore);
        Model = new ModelInfo(bundle.Name, bundle.Version, bundle.Labels.Names, bundle.MaxSequenceLength, classifier.Device, classifier.ConcurrentRuns);
        EngineLog.ModelLoaded(logger, bundle.Name, bundle.Version, bundle.Directory, classifier.Device, bundle.Labels.Count, decoder.Kind);
        EngineLog.Sizing(logger, classifier.Sizing);
    }

    /// <summary>
    /// Documents per <see cref="Annotate"/> call when streaming a large input: enough sequences that
    /// length-sorted batches come out full (256 left the end-to-end path at 90 % of the raw model's speed,
    /// 1,024 at 96 %), few enough to keep memory flat.
    /// </summary>
    public const int StreamingChunkSize = 1024;

    public ModelInfo Model { get; }

    /// <exception cref="ModelBundleException">The folder is not a usable model bundle.</exception>
    public static NerEngine Load(NerEngineOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        var bundle = ModelBundle.Load(options.ResolvePath());
        var classifier = OnnxTokenClassifier.Load(bundle, options, logger);
        try
        {
            return new NerEngine(bundle, classifier, new BatchPolicy(options.MaxBatchTokens, options.MaxBatchSequences, options.MaxBatchPadding), (float)options.MinScore, logger);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
        {
            classifier.Dispose();
            throw new ModelBundleException($"{bundle.TokenizerPath}: not a SentencePiece model ({e.Message})", e);
        }
    }

    public PreparedDocument Prepare(NerDocument document) => encoder.Prepare(document);

    public void Infer(IReadOnlyList<EncodedSequence> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count > 0)
        {
            this.classifier.Run(batch, cancellationToken);
        }
    }

    public AnnotatedDocument Assemble(PreparedDocument document, bool includeTokens = false) =>
        assembler.Assemble(document, includeTokens);

    public IReadOnlyList<AnnotatedDocument> Annotate(
        IReadOnlyList<NerDocument> documents, bool includeTokens = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var prepared = EachInParallel(documents, Prepare);
        InferAll(prepared, cancellationToken);
        return EachInParallel(prepared, d => Assemble(d, includeTokens));
    }

    /// <summary>One label per word for sentences already split into words (gold tokens), as `kazner eval` scores them.</summary>
    public IReadOnlyList<IReadOnlyList<string>> LabelWords(
        IReadOnlyList<IReadOnlyList<string>> sentences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var prepared = EachInParallel(
            [.. sentences.Index()], s => encoder.PrepareWords(s.Index.ToString(CultureInfo.InvariantCulture), s.Item));
        InferAll(prepared, cancellationToken);
        return EachInParallel(prepared, d => (IReadOnlyList<string>)[.. Assemble(d, includeTokens: true).Tokens!.Select(t => t.Label)]);
    }

    public void Dispose() => this.classifier.Dispose();

    // Splitting, tokenizing and assembling are CPU work between inference runs: on a GPU, or with many cores,
    // one thread doing them left the model idle (the annotate path reached 0.25 of the raw model on CUDA).
    private static TOut[] EachInParallel<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, TOut> map)
    {
        var results = new TOut[items.Count];
        try
        {
            Parallel.For(0, items.Count, i => results[i] = map(items[i]));
        }
        catch (AggregateException e)
        {
            // Callers expect what a sequential loop throws (an unusable text is an ArgumentException).
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        return results;
    }

    private void InferAll(IEnumerable<PreparedDocument> documents, CancellationToken cancellationToken)
    {
        var batches = BatchPlanner.Plan(documents.SelectMany(d => d.Sequences), this.batchPolicy);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Model.ConcurrentRuns, CancellationToken = cancellationToken };
        Parallel.ForEach(batches, parallel, batch => Infer(batch, cancellationToken));
    }
}
