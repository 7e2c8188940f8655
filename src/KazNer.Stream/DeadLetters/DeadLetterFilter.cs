using System.Text;

namespace KazNer.Stream.DeadLetters;

/// <summary>Which dead letters a command works on; an empty criterion selects everything.</summary>
internal sealed record DeadLetterFilter(
    IReadOnlySet<string> Reasons,
    IReadOnlySet<string> Stages,
    IReadOnlySet<string> Keys,
    IReadOnlySet<string> Ids,
    int? Partition,
    long? FromOffset,
    long? ToOffset,
    DateTime? Since)
{
    private static readonly HashSet<string> Empty = [];

    public static DeadLetterFilter All { get; } = new(Empty, Empty, Empty, Empty, null, null, null, null);

    public bool Matches(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return (Reasons.Count == 0 || Reasons.Contains(letter.Error))
            && (Stages.Count == 0 || Stages.Contains(letter.Stage))
            && (Keys.Count == 0 || (letter.Key is { } key && Keys.Contains(Encoding.UTF8.GetString(key))))
            && (Ids.Count == 0 || (letter.DocumentId is { } id && Ids.Contains(id)))
            && (Partition is null || Partition == letter.Position.Partition.Value)
            && (FromOffset is null || letter.Position.Offset.Value >= FromOffset)
            && (ToOffset is null || letter.Position.Offset.Value <= ToOffset)
            // The start offsets come from the time index; a record written late with an older timestamp can follow.
            && (Since is null || letter.Timestamp >= Since);
    }
}
