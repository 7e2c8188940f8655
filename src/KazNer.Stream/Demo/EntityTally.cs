namespace KazNer.Stream.Demo;

/// <summary>
/// Mentions counted by entity key, optionally over a sliding window of record time (processedAt): a mention drops
/// out once the newest record seen is more than the window past it, so replaying old data works like live data.
/// </summary>
internal sealed class EntityTally(TimeSpan? window = null)
{
    private readonly Dictionary<string, Tallied> byKey = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset At, string Key)> inWindow = new();
    private DateTimeOffset newest = DateTimeOffset.MinValue;

    public int Records { get; private set; }

    public int Mentions { get; private set; }

    public void Add(OutputRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Records++;
        if (record.ProcessedAt > newest)
        {
            newest = record.ProcessedAt;
        }

        foreach (var mention in record.Entities)
        {
            if (!byKey.TryGetValue(mention.Key, out var tallied))
            {
                byKey[mention.Key] = tallied = new Tallied(mention.Type, mention.Canonical);
            }

            tallied.Count++;
            tallied.Forms.Add(mention.Text);
            Mentions++;
            if (window is not null)
            {
                inWindow.Enqueue((record.ProcessedAt, mention.Key));
            }
        }

        Evict();
    }

    // Dates, numbers and amounts: counted, but not what "the most mentioned entities" is about.
    private static readonly HashSet<string> ValueTypes =
        new(["CARDINAL", "ORDINAL", "DATE", "TIME", "MONEY", "QUANTITY", "PERCENTAGE"], StringComparer.Ordinal);

    /// <summary>The most mentioned entities, most first (ties by key): of one type, or of every named type.</summary>
    public IReadOnlyList<EntityCount> Top(int count, string? type = null) =>
        [.. byKey
            .Where(e => e.Value.Count > 0 && (type is null ? !ValueTypes.Contains(e.Value.Type) : e.Value.Type == type))
            .OrderByDescending(e => e.Value.Count)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(e => new EntityCount(e.Key, e.Value.Type, e.Value.Canonical, e.Value.Count, e.Value.Forms.Count))];

    /// <summary>Entity types with at least one mention, most mentioned first.</summary>
    public IReadOnlyList<string> Types() =>
        [.. byKey.Values.Where(t => t.Count > 0).GroupBy(t => t.Type).OrderByDescending(g => g.Sum(t => t.Count)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key)];

    private void Evict()
    {
        while (window is { } span && inWindow.Count > 0 && inWindow.Peek().At < newest - span)
        {
            var (_, key) = inWindow.Dequeue();
            byKey[key].Count--;
            Mentions--;
        }
    }

    private sealed class Tallied(string type, string canonical)
    {
        public string Type { get; } = type;

        public string Canonical { get; } = canonical;

        public int Count { get; set; }

        public HashSet<string> Forms { get; } = new(StringComparer.Ordinal);
    }
}
