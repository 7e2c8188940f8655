using System.CommandLine;
using System.Text;
using KazNer.Core;
using KazNer.Stream.Cli;
using KazNer.Stream.Configuration;
using KazNer.Stream.Records;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace KazNer.Stream.Commands;

internal static class AnnotateCommand
{
    private const int MaxDocumentBytesLimit = 100 * 1024 * 1024;

    public static Command Create()
    {
        var text = new Argument<string?>("text") { Description = "Text to annotate, one document (omit to read --file or stdin); blank text, like a blank line, gives no record", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<FileInfo?>("--file", "-f") { Description = "Read documents from this file, one per line; blank lines are skipped" };
        var input = new Option<InputFormat?>("--input-format")
        {
            Description = "Auto (default): Json when the first non-blank line is a JSON object, else Text. Json (or Jsonl): {\"id\",\"text\"} per line. Text: a document per line",
            CustomParser = ParseInputFormat,
        };
        var format = new Option<OutputFormat>("--format") { Description = "Output: Jsonl (a JSON object per document) or Table", DefaultValueFactory = _ => OutputFormat.Jsonl };
        var tokens = new Option<bool>("--tokens") { Description = "Also output every word's label (like aggregation_strategy=\"none\"), in both formats" };
        var offsets = new Option<OffsetUnit>("--offsets") { Description = "What start and end count: Utf16 code units (default; .NET, Java, JavaScript) or CodePoint (Python)", DefaultValueFactory = _ => OffsetUnit.Utf16 };
        var maxBytes = new Option<int>("--max-document-bytes")
        {
            Description = $"Largest document (line) in bytes, like the worker's Kafka:MaxMessageBytes; default {InputRecordParser.DefaultMaxDocumentBytes}",
            DefaultValueFactory = _ => InputRecordParser.DefaultMaxDocumentBytes,
        };
        maxBytes.Validators.Add(r => Range(r, "--max-document-bytes", 1, MaxDocumentBytesLimit));
        var continueOnError = new Option<bool>("--continue-on-error") { Description = "Report each bad line on stderr as file:line and annotate the rest; the exit code is 3 when a line was rejected" };
        var deadLetters = new Option<FileInfo?>("--dead-letters") { Description = "Write bad lines (invalid UTF-8, too large, invalid JSON, no text) to this JSON Lines file with the reason and annotate the rest; exit 0" };
        var minScore = new Option<double>("--min-score") { Description = "Leave out entities whose score, the CRF posterior probability of exactly that entity (its type and both edges) at the model's calibration temperature, is below this; 0 to 1 (default 0 keeps all)" };
        minScore.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 1)
            {
                r.AddError("--min-score must be between 0 and 1");
            }
        });
        var model = new ModelArguments();
        var command = new Command("annotate", "Find named entities in Kazakh text. Exit codes: 2 bad option, 3 bad input, 4 model or device unusable.")
        {
            text, file, input, format, tokens, offsets, maxBytes, continueOnError, deadLetters, minScore,
        };
        model.AddTo(command);
        command.SetAction((result, cancellation) => CliErrors.RunAsync(() =>
        {
            var limit = result.GetValue(maxBytes);
            using var source = Open(result.GetValue(text), result.GetValue(file), limit);
            using var rejections = Rejections(result.GetValue(deadLetters), result.GetValue(continueOnError));
            var documents = DocumentReader.Read(source.Lines, result.GetValue(input), limit, source.Name, rejections.Reject);
            using var logging = CliLogging.Create();
            var options = model.ToOptions(result);
            options.MinScore = result.GetValue(minScore);
            using var engine = NerEngine.Load(options, logging.CreateLogger<NerEngine>());
            var unit = result.GetValue(offsets);
            var withTokens = result.GetValue(tokens);
            using (IAnnotationWriter writer = result.GetValue(format) == OutputFormat.Table
                ? new TableWriter(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)), unit, withTokens)
                : new JsonLinesWriter(Console.OpenStandardOutput(), unit))
            {
                Annotate(engine, documents, writer, withTokens, source, cancellation);
            }

            return Task.FromResult(rejections.Count > 0 && result.GetValue(deadLetters) is null ? CliErrors.InputError : 0);
        }));
        return command;
    }

    private static InputFormat? ParseInputFormat(System.CommandLine.Parsing.ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        switch (token.ToUpperInvariant())
        {
            case "AUTO":
                return null;
            case "JSON" or "JSONL":
                return InputFormat.Json;
            case "TEXT":
                return InputFormat.Text;
            default:
                result.AddError($"--input-format must be one of Auto, Json (or Jsonl), Text, not '{token}'");
                return null;
        }
    }

    private static void Range(System.CommandLine.Parsing.OptionResult result, string name, int min, int max)
    {
        var value = result.GetValueOrDefault<int>();
        if (value < min || value > max)
        {
            result.AddError($"{name} must be in {min}..{max}, not {value}");
        }
    }

    private static IRejectionHandler Rejections(FileInfo? deadLetters, bool continueOnError) =>
        deadLetters is not null ? new DeadLetterFile(deadLetters, Console.Error)
        : continueOnError ? new ReportRejections(Console.Error)
        : new StopOnRejection();

    private static InputSource Open(string? text, FileInfo? file, int limit)
    {
        if (text is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            // The argument is one document even when it holds line breaks, under the same rules as a line.
            return new InputSource("argument", [new InputLine(1, 0, bytes.Length, bytes)], null);
        }

        if (file is not null)
        {
            if (Directory.Exists(file.FullName))
            {
                throw new CliInputException($"{file.FullName}: is a directory");
            }

            if (!file.Exists)
            {
                throw new CliInputException($"{file.FullName}: no such file");
            }

            var stream = file.OpenRead();
            return new InputSource(file.Name, LineReader.Read(stream, limit), stream);
        }

        return new InputSource("stdin", LineReader.Read(Console.OpenStandardInput(), limit), null);
    }

    private static void Annotate(NerEngine engine, IEnumerable<NerDocument> documents, IAnnotationWriter writer, bool tokens, InputSource source, CancellationToken cancellation)
    {
        void AnnotateChunk(NerDocument[] chunk)
        {
            var annotated = engine.Annotate(chunk, tokens, cancellation);
            for (var i = 0; i < chunk.Length; i++)
            {
                writer.Write(chunk[i], annotated[i]);
            }
        }

        if (source.File is not { } file || Console.IsErrorRedirected)
        {
            foreach (var chunk in documents.Chunk(NerEngine.StreamingChunkSize))
            {
                AnnotateChunk(chunk);
            }

            return;
        }

        var progressConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        progressConsole.Progress().Start(ctx =>
        {
            var task = ctx.AddTask(Markup.Escape(source.Name), maxValue: Math.Max(1, file.Length));
            foreach (var chunk in documents.Chunk(NerEngine.StreamingChunkSize))
            {
                AnnotateChunk(chunk);
                task.Value = file.Position;
            }
        });
    }

    /// <summary>Where the lines come from: the name used in <c>name:line</c> errors, and the file to close.</summary>
    private sealed record InputSource(string Name, IEnumerable<InputLine> Lines, System.IO.Stream? File) : IDisposable
    {
        public void Dispose() => File?.Dispose();
    }
}
