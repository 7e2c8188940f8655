using KazNer.Stream.Demo;

namespace KazNer.Stream.Tests.Demo;

public sealed class EntityTallyTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 12, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Top_CountsMentionsByKey_AcrossWrittenForms()
    {
        var tally = new EntityTally();
        tally.Add(Record(Noon, ("GPE", "Астанада", "Астана"), ("GPE", "Астанаға", "Астана"), ("PERSON", "Тоқаевтың", "Тоқаев")));
        tally.Add(Record(Noon, ("GPE", "Астана", "Астана"), ("DATE", "2024 жылы", "2024 жылы"), ("DATE", "2024 жылы", "2024 жылы")));

        var top = tally.Top(10);

        Assert.Equal([new EntityCount("GPE:Астана", "GPE", "Астана", 3, 3), new EntityCount("PERSON:Тоқаев", "PERSON", "Тоқаев", 1, 1)], top);
        Assert.Equal(2, Assert.Single(tally.Top(10, "DATE")).Mentions);
        Assert.Equal(["GPE", "DATE", "PERSON"], tally.Types());
    }

    [Fact]
    public void Window_MentionsOlderThanTheNewestRecordLessTheWindow_DropOut()
    {
        var tally = new EntityTally(TimeSpan.FromHours(1));
        tally.Add(Record(Noon, ("GPE", "Астанада", "Астана"), ("GPE", "Алматыда", "Алматы")));
        tally.Add(Record(Noon.AddMinutes(50), ("GPE", "Алматыға", "Алматы")));
        Assert.Equal(3, tally.Mentions);

        tally.Add(Record(Noon.AddMinutes(90), ("PERSON", "Абайдың", "Абай")));

        Assert.Equal(["GPE:Алматы", "PERSON:Абай"], tally.Top(10).Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(2, tally.Mentions);
        Assert.Equal(3, tally.Records);
    }

    private static OutputRecord Record(DateTimeOffset at, params (string Type, string Text, string Canonical)[] mentions) =>
        new("doc", at, [.. mentions.Select(m => new EntityMention(m.Type, m.Text, m.Canonical, $"{m.Type}:{m.Canonical}"))]);
}
