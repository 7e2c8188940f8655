using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace KazNer.Stream.Demo;

/// <summary>The tables the demo and <c>kazner top</c> print.</summary>
internal static class EntityTables
{
    public static Table Document(OutputRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var table = new Table().Title(Markup.Escape(record.DocumentId)).AddColumns("entity", "type", "canonical");
        foreach (var mention in record.Entities)
        {
            table.AddRow(Markup.Escape(mention.Text), mention.Type, Markup.Escape(mention.Canonical));
        }

        return table;
    }

    public static Table MostMentioned(EntityTally tally, int count, string title)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var table = new Table().Title(Markup.Escape(title)).AddColumns("key", "mentions", "written forms");
        foreach (var entity in tally.Top(count))
        {
            table.AddRow(Markup.Escape(entity.Key), Number(entity.Mentions), Number(entity.Forms));
        }

        return table;
    }

    /// <summary>One table per entity type, side by side where the terminal is wide enough.</summary>
    public static IRenderable TopPerType(EntityTally tally, int count, string caption)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var tables = tally.Types().Select(type =>
        {
            var table = new Table().Title(type).AddColumns("entity", "mentions");
            foreach (var entity in tally.Top(count, type))
            {
                table.AddRow(Markup.Escape(entity.Canonical), Number(entity.Mentions));
            }

            return (IRenderable)table;
        }).ToList();
        IRenderable body = tables.Count == 0 ? new Text("no entities yet") : new Columns(tables);
        return new Rows(new Markup(Markup.Escape(caption)), body);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
