using System.Diagnostics;

namespace KazNer.Stream.Pipeline;

/// <summary>
/// The time a stop may take: the drain until <c>Pipeline:DrainTimeoutSeconds</c>, then the final flush and commit
/// within what is left of it (at least <see cref="MinimumFinalStep"/> together), then the consumer's bounded close.
/// Each step asks the clock, so a stop ends a few seconds after the drain timeout whatever hangs.
/// </summary>
internal sealed class StopBudget(TimeSpan drainTimeout)
{
    /// <summary>The final flush and commit get at least this much together, even after a drain that used all its time.</summary>
    public static readonly TimeSpan MinimumFinalStep = TimeSpan.FromSeconds(2);

    private readonly long drainDeadline = Stopwatch.GetTimestamp() + Ticks(drainTimeout);
    private long finalDeadline;

    public bool Draining => Stopwatch.GetTimestamp() < drainDeadline;

    /// <summary>What is left for the final flush and commit; zero until the drain has ended.</summary>
    public TimeSpan FinalStepLeft => TimeSpan.FromSeconds(Math.Max(0, (double)(Volatile.Read(ref finalDeadline) - Stopwatch.GetTimestamp()) / Stopwatch.Frequency));

    public void DrainEnded() => Volatile.Write(ref finalDeadline, Math.Max(drainDeadline, Stopwatch.GetTimestamp() + Ticks(MinimumFinalStep)));

    /// <returns>False when <paramref name="task"/> did not end within <paramref name="timeout"/> (it is left running).</returns>
    public static async Task<bool> EndsWithinAsync(Task task, TimeSpan timeout) =>
        await Task.WhenAny(task, Task.Delay(timeout)).ConfigureAwait(false) == task;

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
