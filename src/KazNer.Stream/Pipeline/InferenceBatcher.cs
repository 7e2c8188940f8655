using System.Threading.Channels;
using KazNer.Core.Inference;
using KazNer.Stream.Configuration;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// Collects sequences from any documents and partitions and runs them when a batch is full or when the
/// oldest waiting sequence reaches the deadline; the deadline runs on <see cref="TimeProvider"/>.
/// </summary>
internal sealed class InferenceBatcher(
    ChannelReader<PendingSequence> input, BatchInference inference, PipelineOptions options, TimeProvider time)
{
    private readonly List<PendingSequence> pending = [];
    private readonly BatchPolicy policy = new(options.MaxBatchTokens, options.MaxBatchSequences);
    private int longest;
    private int pendingCount;
    private long firstAt;

    /// <summary>Sequences waiting for a batch; tests read it to know the batcher has caught up.</summary>
    public int Pending => Volatile.Read(ref pendingCount);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await WaitForInputAsync(cancellationToken).ConfigureAwait(false))
        {
            while (input.TryRead(out var sequence))
            {
                Add(sequence);
                if (IsFull)
                {
                    Flush(cancellationToken);
                }
            }

            if (pending.Count > 0 && DeadlineReached)
            {
                Flush(cancellationToken);
            }
        }

        Flush(cancellationToken);
    }

    private TimeSpan Deadline => TimeSpan.FromMilliseconds(options.BatchDeadlineMs);

    private bool IsFull =>
        pending.Count >= options.MaxBatchSequences || (long)pending.Count * longest >= options.MaxBatchTokens;

    private bool DeadlineReached => time.GetElapsedTime(firstAt) >= Deadline;

    /// <returns>False once the input is completed and read.</returns>
    private async Task<bool> WaitForInputAsync(CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return await input.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        }

        var left = Deadline - time.GetElapsedTime(firstAt);
        if (left <= TimeSpan.Zero)
        {
            return true;
        }

        using var deadline = new CancellationTokenSource(left, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await input.WaitToReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return true;
        }
    }

    private void Add(PendingSequence sequence)
    {
        if (pending.Count == 0)
        {
            firstAt = time.GetTimestamp();
        }

        pending.Add(sequence);
        longest = Math.Max(longest, sequence.Sequence.Length);
        Volatile.Write(ref pendingCount, pending.Count);
    }

    private void Flush(CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var owners = pending.ToDictionary(p => p.Sequence);
        foreach (var batch in BatchPlanner.Plan(pending.Select(p => p.Sequence), policy))
        {
            inference.Run([.. batch.Select(s => owners[s])], cancellationToken);
        }

        pending.Clear();
        longest = 0;
        Volatile.Write(ref pendingCount, 0);
    }
}
