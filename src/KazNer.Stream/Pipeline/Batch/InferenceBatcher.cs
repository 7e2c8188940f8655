using System.Threading.Channels;
using KazNer.Core.Inference;
using KazNer.Stream.Configuration;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// Collects sequences from any documents and partitions into a pool and runs length-sorted batches from it,
/// up to <paramref name="concurrentRuns"/> at a time so every core (or the GPU) stays busy. A full batch
/// runs as soon as a run is free; a partial one when the oldest waiting sequence reaches the deadline,
/// or at once when the recent arrival rate cannot fill the batch before then. While every run is busy the
/// pool grows (up to a few batches' worth), which is what keeps batches tight at saturation. The deadline
/// runs on <see cref="TimeProvider"/>.
/// </summary>
internal sealed class InferenceBatcher(
    ChannelReader<PendingSequence> input, BatchInference inference, PipelineOptions options, int concurrentRuns, TimeProvider time)
{
    /// <summary>
    /// Batches' worth of sequences the pool holds before it stops reading; more choice, tighter batches. At
    /// saturation 8 left 4.7 % of the worker's batches padding, 32 left 3.0 % and 64 1.9 % (the Kafka benchmark);
    /// every batch taken sorts the pool, so it stays at 32.
    /// </summary>
    private const int PoolBatches = 32;

    private readonly PendingPool pool = new(new BatchPolicy(options.MaxBatchTokens, options.MaxBatchSequences, options.MaxBatchPadding));
    private readonly ArrivalRate arrivals = new(options.MaxBatchSequences, time);
    private readonly int maxRuns = Math.Max(1, concurrentRuns);
    private readonly List<Task> running = [];
    private int pendingCount;
    private int busyRuns;
    private TaskCompletionSource runFinished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Sequences waiting for a batch; tests read it to know the batcher has caught up.</summary>
    public int Pending => Volatile.Read(ref pendingCount);

    private int PoolCapacity => options.MaxBatchSequences * PoolBatches;

    private bool HasFreeRun => Volatile.Read(ref busyRuns) < maxRuns;

    private TimeSpan MaxDeadline => TimeSpan.FromMilliseconds(options.BatchDeadlineMs);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var inputOpen = true;
            while (inputOpen || pool.Count > 0)
            {
                // Taken before dispatching, so a run that finishes from here on wakes the wait below.
                var runEnded = NextSignal();
                ReadAvailable();
                Dispatch(flushAll: !inputOpen, cancellationToken);
                inputOpen = await WaitAsync(inputOpen, runEnded, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    private void ReadAvailable()
    {
        while (pool.Count < PoolCapacity && input.TryRead(out var sequence))
        {
            var now = time.GetTimestamp();
            pool.Add(sequence, now);
            arrivals.Record(now);
        }

        Volatile.Write(ref pendingCount, pool.Count);
    }

    private void Dispatch(bool flushAll, CancellationToken cancellationToken)
    {
        while (pool.Count > 0 && HasFreeRun)
        {
            var batch = pool.Take(includePartial: flushAll || DeadlineLeft() <= TimeSpan.Zero);
            if (batch is null)
            {
                break;
            }

            Interlocked.Increment(ref busyRuns);
            Volatile.Write(ref pendingCount, pool.Count);
            running.RemoveAll(t => t.IsCompleted);
            running.Add(Task.Run(() => RunBatch(batch, cancellationToken), CancellationToken.None));
        }
    }

    private void RunBatch(IReadOnlyList<PendingSequence> batch, CancellationToken cancellationToken)
    {
        try
        {
            inference.Run(batch, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref busyRuns);
            Signal();
        }
    }

    /// <summary>
    /// Time until the oldest waiting sequence's batch must run: the configured deadline, cut to zero when
    /// the recent arrival rate would not fill the batch within it (waiting would only add latency).
    /// </summary>
    private TimeSpan DeadlineLeft()
    {
        var deadline = arrivals.TimeFor(options.MaxBatchSequences - pool.Count) > MaxDeadline ? TimeSpan.Zero : MaxDeadline;
        return deadline - time.GetElapsedTime(pool.OldestArrival);
    }

    /// <returns>False once the input is completed and read.</returns>
    private async Task<bool> WaitAsync(bool inputOpen, Task runEnded, CancellationToken cancellationToken)
    {
        using var woken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waits = new List<Task>(3);
        Task<bool>? readable = null;
        if (inputOpen && pool.Count < PoolCapacity)
        {
            readable = input.WaitToReadAsync(woken.Token).AsTask();
            waits.Add(readable);
        }

        if (pool.Count > 0 || readable is null)
        {
            waits.Add(runEnded);
        }

        if (pool.Count > 0 && HasFreeRun)
        {
            var left = DeadlineLeft();
            var deadline = left > TimeSpan.Zero ? Task.Delay(left, time, woken.Token) : Task.CompletedTask;

            // The clock may have moved between reading the deadline and the timer starting; such a timer would
            // be due a whole deadline late (with a test's manual clock, never).
            waits.Add(DeadlineLeft() > TimeSpan.Zero ? deadline : Task.CompletedTask);
        }

        if (waits.Count == 0)
        {
            return inputOpen;
        }

        await Task.WhenAny(waits).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        await woken.CancelAsync().ConfigureAwait(false);
        return readable is not { IsCompletedSuccessfully: true, Result: false } && inputOpen;
    }

    private Task NextSignal() => Volatile.Read(ref runFinished).Task;

    private void Signal() => Interlocked.Exchange(ref runFinished, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
