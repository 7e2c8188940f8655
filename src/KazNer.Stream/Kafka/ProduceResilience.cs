using Confluent.Kafka;
using KazNer.Stream.Pipeline;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace KazNer.Stream.Kafka;

/// <summary>
/// Every produce retry of the worker, one family: output and entity records, dead letters, and transactions.
/// Records are never given up while the sink is merely away: exponential back-off with jitter, no cap on attempts.
/// The output's circuit breaker and a refused dead letter mark the sink down, which pauses consumption, so memory
/// stays bounded while nothing past the last record with an outcome is committed.
/// </summary>
internal static class ProduceResilience
{
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    /// <summary>A transaction that failed for none of its records is produced again whole at once, this many times in all.</summary>
    public const int TransactionAttempts = 3;

    /// <summary>Output and entity records: transient produce errors are retried, the breaker opens on a run of them.</summary>
    public static ResiliencePipeline Output(FlowControl flow, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(Unbounded<RetryStrategyOptions, object>(new()
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<ProduceException<byte[], byte[]>>(e => ProduceErrors.IsTransient(e.Error))
                    .Handle<BrokenCircuitException>(),
                OnRetry = args =>
                {
                    KafkaLog.ProduceRetry(logger, args.Outcome.Exception?.Message ?? "unknown", args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            }))
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ProduceException<byte[], byte[]>>(e => ProduceErrors.IsTransient(e.Error)),
                FailureRatio = 0.5,
                MinimumThroughput = 5,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = BreakDuration,
                OnOpened = _ =>
                {
                    flow.SetSinkDown(true);
                    KafkaLog.CircuitOpened(logger, BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    flow.SetSinkDown(false);
                    KafkaLog.CircuitClosed(logger);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Dead letters: any rejection is tried again until the topic takes it; meanwhile the sink counts as down.</summary>
    public static ResiliencePipeline<DeliveryOutcome> DeadLetters(FlowControl flow, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new ResiliencePipelineBuilder<DeliveryOutcome> { TimeProvider = time }
            .AddRetry(Unbounded<RetryStrategyOptions<DeliveryOutcome>, DeliveryOutcome>(new()
            {
                ShouldHandle = new PredicateBuilder<DeliveryOutcome>().HandleResult(o => o is DeliveryOutcome.Rejected),
                OnRetry = args =>
                {
                    flow.SetDeadLettersDown(true);
                    var reason = args.Outcome.Result is DeliveryOutcome.Rejected rejected ? rejected.Reason.Detail : "unknown";
                    PipelineLog.DeadLetterRefused(logger, reason, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            }))
            .Build();
    }

    /// <summary>
    /// Transactions: one that failed for none of its records' sake (its sequence broken by records purged behind a
    /// refused one, retries run out on a transient error) is produced again and committed at once, a few times
    /// before the worker gives up and starts over from its committed offsets.
    /// </summary>
    public static ResiliencePipeline<TResult> Transactions<TResult>(Func<TResult, bool> commitAgain) =>
        new ResiliencePipelineBuilder<TResult>()
            .AddRetry(new RetryStrategyOptions<TResult>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } result && commitAgain(result)),
                MaxRetryAttempts = TransactionAttempts - 1,
                Delay = TimeSpan.Zero,
            })
            .Build();

    private static TOptions Unbounded<TOptions, TResult>(TOptions options)
        where TOptions : RetryStrategyOptions<TResult>
    {
        options.MaxRetryAttempts = int.MaxValue;
        options.BackoffType = DelayBackoffType.Exponential;
        options.UseJitter = true;
        options.Delay = TimeSpan.FromMilliseconds(200);
        options.MaxDelay = TimeSpan.FromSeconds(30);
        return options;
    }
}
