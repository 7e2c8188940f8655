using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace KazNer.Stream.DeadLetters;

/// <summary>Dead letters counted by reason and stage, with how many are truncated and the time each group spans.</summary>
internal sealed class DeadLetterStats
{
    private readonly SortedDictionary<(string Error, string Stage), Group> groups = new();

    public int Records { get; private set; }

    public int Truncated { get; private set; }

    /// <summary>Dead letters that are themselves failed replays.</summary>
    public int FailedReplays { get; private set; }

    public void Add(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        Records++;
        Truncated += letter.IsTruncated ? 1 : 0;
        FailedReplays += letter.ReplayedFrom is null ? 0 : 1;
        var key = (letter.Error, letter.Stage);
        groups[key] = groups.TryGetValue(key, out var group) ? group.With(letter) : new Group(1, letter.IsTruncated ? 1 : 0, letter.Timestamp, letter.Timestamp);
    }

    public Table Table(string caption)
    {
        var table = new Table().Caption(Markup.Escape(caption)).AddColumns("reason", "stage", "records", "truncated", "first", "last");
        foreach (var ((error, stage), group) in groups.OrderByDescending(g => g.Value.Records))
        {
            table.AddRow(Markup.Escape(error), Markup.Escape(stage), Number(group.Records), Number(group.Truncated), Time(group.First), Time(group.Last));
        }

        table.AddRow("[bold]total[/]", "", Number(Records), Number(Truncated), "", "");
        return table;
    }

    public void WriteJson(Utf8JsonWriter json, string topic, DateTime? since)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("topic", topic);
        if (since is { } time)
        {
            json.WriteString("since", Time(time));
        }

        json.WriteNumber("records", Records);
        json.WriteNumber("truncated", Truncated);
        json.WriteNumber("failedReplays", FailedReplays);
        json.WriteStartArray("reasons");
        foreach (var ((error, stage), group) in groups.OrderByDescending(g => g.Value.Records))
        {
            json.WriteStartObject();
            json.WriteString("error", error);
            json.WriteString("stage", stage);
            json.WriteNumber("records", group.Records);
            json.WriteNumber("truncated", group.Truncated);
            json.WriteString("first", Time(group.First));
            json.WriteString("last", Time(group.Last));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private sealed record Group(int Records, int Truncated, DateTime First, DateTime Last)
    {
        public Group With(DeadLetter letter) => new(
            Records + 1,
            Truncated + (letter.IsTruncated ? 1 : 0),
            letter.Timestamp < First ? letter.Timestamp : First,
            letter.Timestamp > Last ? letter.Timestamp : Last);
    }
}
