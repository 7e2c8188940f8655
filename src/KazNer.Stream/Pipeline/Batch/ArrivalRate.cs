namespace KazNer.Stream.Pipeline;

/// <summary>
/// How fast sequences have been arriving, from the timestamps of the last few arrivals, to tell whether
/// waiting for more of them can fill a batch before the deadline.
/// </summary>
internal sealed class ArrivalRate(int window, TimeProvider time)
{
    private readonly long[] arrivals = new long[Math.Max(2, window)];
    private int next;
    private int count;

    public void Record(long timestamp)
    {
        arrivals[next] = timestamp;
        next = (next + 1) % arrivals.Length;
        count = Math.Min(count + 1, arrivals.Length);
    }

    /// <summary>
    /// Expected time for <paramref name="missing"/> more arrivals at the recent pace; zero (no reason not to
    /// wait) before there is a pace to go by. After a quiet spell the pace is slow, so a lone sequence runs at once.
    /// </summary>
    public TimeSpan TimeFor(int missing)
    {
        if (missing <= 0)
        {
            return TimeSpan.Zero;
        }

        if (count < 2)
        {
            return TimeSpan.Zero;
        }

        var newest = arrivals[(next - 1 + arrivals.Length) % arrivals.Length];
        var oldest = arrivals[count < arrivals.Length ? 0 : next];
        var perArrival = time.GetElapsedTime(oldest, newest) / (count - 1);
        return perArrival * missing;
    }
}
