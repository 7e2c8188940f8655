using System.Globalization;
using KazNer.Core;
using KazNer.Stream.Configuration;
using KazNer.Stream.Records;
using Spectre.Console;

namespace KazNer.Stream.Cli;

/// <summary>--format table: the entities (and with --tokens every word's label) as tables, printed at the end.</summary>
internal sealed class TableWriter(TextWriter output, OffsetUnit offsetUnit, bool tokens) : IAnnotationWriter
{
    private readonly Table entities = new Table().Title("entities").AddColumns("document", "sentence", "type", "text", "canonical", "start", "end", "score");
    private readonly Table? words = tokens ? new Table().Title("tokens").AddColumns("document", "sentence", "word", "label", "start", "end", "score") : null;

    public void Write(NerDocument input, AnnotatedDocument annotated)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(annotated);
        var offsets = TextOffsets.For(input.Text, offsetUnit);
        var id = Markup.Escape(annotated.Id);
        foreach (var e in annotated.Entities)
        {
            entities.AddRow(id, Number(e.Sentence), e.Type, Markup.Escape(e.Text), Markup.Escape(e.Canonical), Number(offsets.Map(e.Start)), Number(offsets.Map(e.End)), ScoreRounding.Format(e.Score));
        }

        foreach (var t in words is null ? [] : annotated.Tokens ?? [])
        {
            words!.AddRow(id, Number(t.Sentence), Markup.Escape(t.Text), t.Label, Number(offsets.Map(t.Start)), Number(offsets.Map(t.End)), ScoreRounding.Format(t.Score));
        }
    }

    public void Dispose()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
        });
        console.Write(entities);
        if (words is not null)
        {
            console.Write(words);
        }

        output.Flush();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
