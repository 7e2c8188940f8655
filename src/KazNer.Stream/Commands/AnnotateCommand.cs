using System.CommandLine;
using System.Text;
using System.Text.Json;
using KazNer.Core;
using KazNer.Stream.Cli;
using Spectre.Console;

namespace KazNer.Stream.Commands;

internal static class AnnotateCommand
{
    public static Command Create()
    {
        var text = new Argument<string?>("text") { Description = "Text to annotate (omit to read --file or stdin)", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<FileInfo?>("--file", "-f") { Description = "Read documents from this file" };
        var input = new Option<InputFormat?>("--input-format") { Description = "Text (a document per line) or Jsonl ({\"id\",\"text\"} per line); default: Jsonl for *.jsonl files, else Text" };
        var format = new Option<string>("--format") { Description = "Output: jsonl (a record per document) or table", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "table");
        var tokens = new Option<bool>("--tokens") { Description = "Also output every word's label (like aggregation_strategy=\"none\")" };
        var minScore = new Option<double>("--min-score") { Description = "Leave out entities scored below this probability, 0 to 1 (default 0 keeps all)" };
        minScore.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 1)
            {
                r.AddError("--min-score must be between 0 and 1");
            }
        });
        var model = new ModelArguments();
        var command = new Command("annotate", "Find named entities in Kazakh text") { text, file, input, format, tokens, minScore };
        model.AddTo(command);
        command.SetAction((result, cancellation) => CliErrors.RunAsync(() =>
        {
            var files = result.GetValue(file);
            var source = Open(result.GetValue(text), files, result.GetValue(input));
            using var logging = CliLogging.Create();
            var options = model.ToOptions(result);
            options.MinScore = result.GetValue(minScore);
            using var engine = NerEngine.Load(options, logging.CreateLogger<NerEngine>());
            var table = result.GetValue(format) == "table";
            return Task.FromResult(Annotate(engine, source, table, result.GetValue(tokens), files, cancellation));
        }));
        return command;
    }

    private static (IEnumerable<NerDocument> Documents, System.IO.Stream? File) Open(string? text, FileInfo? file, InputFormat? format)
    {
        if (text is not null)
        {
            return ([new NerDocument("1", text)], null);
        }

        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new CliInputException($"{file.FullName}: no such file");
            }

            var stream = file.OpenRead();
            var reader = new StreamReader(stream, Encoding.UTF8);
            var detected = format ?? (file.Extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) ? InputFormat.Jsonl : InputFormat.Text);
            return (DocumentReader.Read(reader, detected, file.Name), stream);
        }

        return (DocumentReader.Read(Console.In, format ?? InputFormat.Text, "stdin"), null);
    }

    private static int Annotate(NerEngine engine, (IEnumerable<NerDocument> Documents, System.IO.Stream? File) source, bool table, bool tokens, FileInfo? file, CancellationToken cancellation)
    {
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
        var rows = table ? new Table().AddColumns("document", "sentence", "type", "text", "start", "end", "score") : null;
        void Write(IReadOnlyList<AnnotatedDocument> chunk)
        {
            foreach (var document in chunk)
            {
                if (rows is null)
                {
                    stdout.WriteLine(JsonSerializer.Serialize(AnnotationJson.From(document), AnnotationJsonContext.Readable.AnnotationJson));
                    continue;
                }

                foreach (var e in document.Entities)
                {
                    rows.AddRow(Markup.Escape(document.Id), e.Sentence.ToString(), e.Type, Markup.Escape(e.Text), e.Start.ToString(), e.End.ToString(), e.Score.ToString("0.000"));
                }
            }
        }

        using (source.File)
        {
            if (source.File is not null && !Console.IsErrorRedirected)
            {
                var progressConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
                progressConsole.Progress().Start(ctx =>
                {
                    var task = ctx.AddTask(Markup.Escape(file!.Name), maxValue: Math.Max(1, source.File.Length));
                    foreach (var chunk in source.Documents.Chunk(NerEngine.StreamingChunkSize))
                    {
                        Write(engine.Annotate(chunk, tokens, cancellation));
                        task.Value = source.File.Position;
                    }
                });
            }
            else
            {
                foreach (var chunk in source.Documents.Chunk(NerEngine.StreamingChunkSize))
                {
                    Write(engine.Annotate(chunk, tokens, cancellation));
                }
            }
        }

        if (rows is not null)
        {
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) }).Write(rows);
        }

        return 0;
    }
}
