using Confluent.Kafka;
using KazNer.Stream.Pipeline;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace KazNer.Stream.Kafka;

/// <summary>
/// Retries transient delivery failures with exponential back-off and jitter, without a cap on attempts: a
/// record is never given up while the sink is merely away. The circuit breaker marks the sink down, which
/// pauses consumption, so memory stays bounded while nothing past the last delivered offset is committed.
/// </summary>
internal static class ProduceResilience
{
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    public static ResiliencePipeline Build(FlowControl flow, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<ProduceException<byte[], byte[]>>(e => ProduceErrors.IsTransient(e.Error))
                    .Handle<BrokenCircuitException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = args =>
                {
                    KafkaLog.ProduceRetry(logger, args.Outcome.Exception?.Message ?? "unknown", args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
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
}
