using System.Collections.Concurrent;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;
using Microsoft.Extensions.Logging;

namespace KazNer.Stream.Tests.Support;

/// <summary>
/// A sink without a broker; while blocked, sends wait, as with an unreachable output topic. A topic can be made
/// to refuse records, as a broker refuses an invalid or oversized one.
/// </summary>
internal sealed class InMemorySink : IRecordSink
{
    private readonly ConcurrentDictionary<string, DeliveryOutcome.Rejected> refusing = new();
    private TaskCompletionSource open = NewGate(opened: true);
    private int refusalCount;

    public ConcurrentQueue<(OutboundRecord Record, SourceMessage Source)> Delivered { get; } = new();

    public IEnumerable<OutboundRecord> Outputs => Delivered.Select(d => d.Record).Where(r => !r.IsDeadLetter);

    public IEnumerable<OutboundRecord> DeadLetters => Delivered.Select(d => d.Record).Where(r => r.IsDeadLetter);

    public int Refusals => Volatile.Read(ref refusalCount);

    public void Block() => open = NewGate(opened: false);

    public void Unblock() => open.TrySetResult();

    /// <summary>Every record for <paramref name="topic"/> (with <see cref="RefuseOver"/>, those with larger values) is rejected until <see cref="Accept"/>.</summary>
    public void Refuse(string topic, bool tooLarge = false) =>
        refusing[topic] = new DeliveryOutcome.Rejected(tooLarge ? DeadLetterReason.OutputTooLarge("refused by the test") : DeadLetterReason.ProduceFailed("refused by the test"), tooLarge);

    public void Accept(string topic) => refusing.TryRemove(topic, out _);

    public int? RefuseOver { get; set; }

    public async Task<DeliveryOutcome> DeliverAsync(OutboundUnit unit, SourceMessage source, CancellationToken cancellationToken)
    {
        await open.Task.WaitAsync(cancellationToken);
        foreach (var record in unit.Records)
        {
            if (refusing.TryGetValue(record.Topic, out var rejected) && (RefuseOver is not { } limit || record.Value.Length > limit))
            {
                Interlocked.Increment(ref refusalCount);
                return rejected;
            }
        }

        foreach (var record in unit.Records)
        {
            Delivered.Enqueue((record, source));
        }

        return DeliveryOutcome.Success;
    }

    public Task FlushAsync(TimeSpan timeout) => Task.CompletedTask;

    public IOffsetCommits CreateOffsetCommits(IMessageSource source, OffsetCommitter offsets, TimeSpan drainTimeout, TimeProvider time, ILogger logger) =>
        new ConsumerOffsetCommits(source, offsets, logger, time);

    public void Dispose()
    {
    }

    private static TaskCompletionSource NewGate(bool opened)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (opened)
        {
            gate.SetResult();
        }

        return gate;
    }
}
