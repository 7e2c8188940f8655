using System.Text;
using KazNer.Stream.Records;

namespace KazNer.Stream.DeadLetters;

/// <summary>
/// Which dead letters were already replayed: the target topic itself is the record of it, each replayed record
/// carrying <c>kazner-replayed-from</c>. Nothing else to keep in step, and a replay cut short (a crash, Ctrl+C)
/// leaves exactly the records it delivered to be recognised by the next one.
/// </summary>
internal static class ReplayLedger
{
    /// <summary>
    /// A replay is written after its dead letter; the margin covers clocks of the worker and of the replaying
    /// machine that disagree (record timestamps are the producers' clocks).
    /// </summary>
    public static readonly TimeSpan ClockMargin = TimeSpan.FromHours(1);

    /// <summary>The <c>kazner-replayed-from</c> values on <paramref name="topic"/> since <paramref name="oldestLetter"/>.</summary>
    public static HashSet<string> Replayed(TopicReader reader, string topic, DateTime oldestLetter, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var replayed = new HashSet<string>(StringComparer.Ordinal);
        var ranges = reader.Ranges(topic, oldestLetter - ClockMargin);
        foreach (var record in reader.Read(ranges, cancellation))
        {
            if (record.Message.Headers?.TryGetLastBytes(KazNerHeaders.ReplayedFrom, out var from) == true)
            {
                replayed.Add(Encoding.UTF8.GetString(from));
            }
        }

        return replayed;
    }
}
