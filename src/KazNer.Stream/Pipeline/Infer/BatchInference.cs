using System.Diagnostics;
using KazNer.Core;
using KazNer.Core.Inference;
using KazNer.Stream.Records;
using KazNer.Stream.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// Runs one batch through the model. A failing batch is retried once, then split in halves until the
/// documents that fail on their own are found; only those are dead-lettered.
/// </summary>
internal sealed class BatchInference(INerEngine engine, DocumentCompleter completer, StreamMetrics metrics, TimeProvider time, ILogger logger)
{
    private readonly ResiliencePipeline retryOnce = new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 1,
            Delay = TimeSpan.Zero,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
        })
        .Build();

    public void Run(IReadOnlyList<PendingSequence> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        try
        {
            retryOnce.Execute(token => Infer(batch, token), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            PipelineLog.BatchFailed(logger, batch.Count, e);
            Isolate(batch, e, cancellationToken);
            return;
        }

        Done(batch);
    }

    private void Isolate(IReadOnlyList<PendingSequence> batch, Exception failure, CancellationToken cancellationToken)
    {
        if (batch.Count == 1)
        {
            batch[0].Owner.Fail(DeadLetterReason.InferenceFailed(failure.Message));
            Done(batch);
            return;
        }

        var half = batch.Count / 2;
        foreach (var part in new[] { batch.Take(half).ToList(), batch.Skip(half).ToList() })
        {
            try
            {
                Infer(part, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Isolate(part, e, cancellationToken);
                continue;
            }

            Done(part);
        }
    }

    private void Infer(IReadOnlyList<PendingSequence> batch, CancellationToken cancellationToken)
    {
        var sequences = batch.Select(p => p.Sequence).ToList();
        var started = time.GetTimestamp();
        engine.Infer(sequences, cancellationToken);
        metrics.Batch(sequences.Count, BatchPlanner.PaddingRatio(sequences), time.GetElapsedTime(started));
    }

    private void Done(IEnumerable<PendingSequence> batch)
    {
        foreach (var pending in batch)
        {
            if (pending.Owner.SequenceDone())
            {
                completer.Finish(pending.Owner);
            }
        }
    }
}
