using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using KazNer.Stream.Cli;
using KazNer.Stream.Configuration;
using KazNer.Stream.DeadLetters;
using KazNer.Stream.Kafka;
using Spectre.Console;

namespace KazNer.Stream.Commands;

/// <summary>
/// <c>kazner dlq</c>: what is on the dead-letter topic (<c>stats</c>, <c>show</c>) and sending chosen records back
/// to the input topic after a fix (<c>replay</c>). Each reads the topic up to the end it had at the start.
/// </summary>
internal static class DlqCommand
{
    private const string SettingsHelp = "Kafka settings as for run: appsettings.json, KAZNER_ variables, --Kafka:Key value (SASL/TLS included).";

    public static Command Create() => new("dlq", "Dead letters: counts by reason, the records decoded, replay to the input topic. " + SettingsHelp)
    {
        Stats(), Show(), DlqReplayCommand.Create(),
    };

    private static Command Stats()
    {
        var arguments = new DlqArguments();
        var format = new Option<OutputFormat>("--format") { Description = "Table, or Jsonl for one JSON object", DefaultValueFactory = _ => OutputFormat.Table };
        var command = new Command("stats", "Dead letters counted by reason (kazner-error) and stage, with the time each reason spans") { format };
        arguments.AddTo(command);
        command.SetAction((result, cancellation) => Guarded(arguments, result, context =>
        {
            var stats = new DeadLetterStats();
            foreach (var letter in Read(context, cancellation))
            {
                stats.Add(letter);
            }

            if (result.GetValue(format) == OutputFormat.Jsonl)
            {
                using var json = new Utf8JsonWriter(Console.OpenStandardOutput());
                stats.WriteJson(json, context.Topic, context.Filter.Since);
                json.Flush();
                Console.Out.WriteLine();
            }
            else
            {
                var window = context.Filter.Since is { } since ? $"since {since:yyyy-MM-dd HH:mm:ss}Z" : "all retained";
                AnsiConsole.Write(stats.Table($"{context.Topic}: {stats.Records} dead letters ({window}), {stats.FailedReplays} of them failed replays"));
            }

            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var arguments = new DlqArguments();
        var format = new Option<OutputFormat>("--format") { Description = "Jsonl (one record per line, all headers decoded) or Table", DefaultValueFactory = _ => OutputFormat.Jsonl };
        var maxRecords = new Option<int?>("--max-records") { Description = "Stop after this many records" };
        var command = new Command("show", "The selected dead letters with their headers decoded, oldest first per partition") { format, maxRecords };
        arguments.AddTo(command);
        command.SetAction((result, cancellation) => Guarded(arguments, result, context =>
        {
            if (result.GetValue(maxRecords) is < 1)
            {
                return CliErrors.Fail("--max-records must be at least 1", CliErrors.ConfigurationError);
            }

            var letters = Read(context, cancellation).Take(result.GetValue(maxRecords) ?? int.MaxValue);
            if (result.GetValue(format) == OutputFormat.Jsonl)
            {
                foreach (var letter in letters)
                {
                    Console.Out.WriteLine(DeadLetterJson.Line(letter));
                }

                return 0;
            }

            var table = new Table().AddColumns("partition/offset", "time", "reason", "stage", "key", "bytes", "detail");
            foreach (var letter in letters)
            {
                table.AddRow(
                    $"{letter.Position.Partition.Value}/{letter.Position.Offset.Value}",
                    letter.Timestamp.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(letter.Error),
                    Markup.Escape(letter.Stage),
                    Markup.Escape(DeadLetter.Text(letter.Key) ?? (letter.Key is null ? "" : "(binary)")),
                    letter.IsTruncated ? $"{letter.KeptBytes} of {letter.OriginalBytes}" : letter.Value.Length.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(letter.Detail ?? ""));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    /// <summary>The selected dead letters of the context's topic, from the window's start to the end it has now.</summary>
    public static IEnumerable<DeadLetter> Read(DlqContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var reader = new TopicReader(ToolClientConfigs.Consumer(context.Kafka, "dlq"));
        var ranges = reader.Ranges(context.Topic, context.Filter.Since);
        foreach (var result in reader.Read(ranges, cancellation))
        {
            var letter = DeadLetter.From(result);
            if (context.Filter.Matches(letter))
            {
                yield return letter;
            }
        }
    }

    /// <summary>Resolves the arguments, runs off the caller's thread, and turns a failure into one line and an exit code.</summary>
    public static Task<int> Guarded(DlqArguments arguments, ParseResult result, Func<DlqContext, int> action)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(action);
        if (!arguments.TryResolve(result, out var context))
        {
            return Task.FromResult(CliErrors.ConfigurationError);
        }

        return Task.Run(
            () =>
            {
                try
                {
                    return action(context);
                }
                catch (SettingsException e)
                {
                    return CliErrors.Fail(string.Join("; ", e.Problems), CliErrors.ConfigurationError);
                }
                catch (Exception e) when (e is KafkaException or TimeoutException)
                {
                    return CliErrors.Fail($"kafka: {e.Message}", CliErrors.UnexpectedError);
                }
                catch (Exception e)
                {
                    var (code, message) = CliErrors.Classify(e);
                    return CliErrors.Fail(message, code);
                }
            },
            CancellationToken.None);
    }
}
