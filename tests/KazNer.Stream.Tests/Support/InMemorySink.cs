using System.Collections.Concurrent;
using KazNer.Stream.Pipeline;

namespace KazNer.Stream.Tests.Support;

/// <summary>A sink without a broker; while blocked, sends wait, as with an unreachable output topic.</summary>
internal sealed class InMemorySink : IRecordSink
{
    private TaskCompletionSource open = NewGate(opened: true);

    public ConcurrentQueue<(OutboundRecord Record, SourceMessage Source)> Delivered { get; } = new();

    public IEnumerable<OutboundRecord> Outputs => Delivered.Select(d => d.Record).Where(r => !r.IsDeadLetter);

    public IEnumerable<OutboundRecord> DeadLetters => Delivered.Select(d => d.Record).Where(r => r.IsDeadLetter);

    public bool CommitsOffsets => false;

    public void Block() => open = NewGate(opened: false);

    public void Unblock() => open.TrySetResult();

    public async Task SendAsync(OutboundRecord record, SourceMessage source, CancellationToken cancellationToken)
    {
        await open.Task.WaitAsync(cancellationToken);
        Delivered.Enqueue((record, source));
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
