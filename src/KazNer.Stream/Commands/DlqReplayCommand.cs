using System.CommandLine;
using System.Text.Json;
using KazNer.Stream.Cli;
using KazNer.Stream.DeadLetters;
using KazNer.Stream.Kafka;
using Spectre.Console;

namespace KazNer.Stream.Commands;

/// <summary>
/// <c>kazner dlq replay</c>: the selected dead letters back to the input topic as they were read (key, value, the
/// input's headers), each marked <c>kazner-replayed-from: dlq/partition/offset</c>. A dead letter whose mark is
/// already on the target is skipped, so running the same replay twice, or again after it was cut short, sends
/// each record once. A dead letter holding only the head of its value is refused unless asked for.
/// </summary>
internal static class DlqReplayCommand
{
    public static Command Create()
    {
        var arguments = new DlqArguments();
        var to = new Option<string?>("--to") { Description = "Topic to replay to (default: Kafka:InputTopic)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Send nothing: print each record that would be sent as a JSON line, with its target" };
        var skipTruncated = new Option<bool>("--skip-truncated") { Description = "Replay the others when some selected dead letters hold only the head of their value" };
        var allowTruncated = new Option<bool>("--allow-truncated") { Description = "Send even the heads of values that were cut to fit the dead-letter topic" };
        var command = new Command("replay", "Send the selected dead letters back to the input topic, once each (exit 3 when some hold only part of their value)")
        {
            to, dryRun, skipTruncated, allowTruncated,
        };
        arguments.AddTo(command);
        command.SetAction((result, cancellation) => DlqCommand.Guarded(arguments, result, context =>
        {
            var target = result.GetValue(to) is { Length: > 0 } given ? given : context.Kafka.InputTopic;
            if (string.IsNullOrWhiteSpace(target) || target == context.Topic)
            {
                return CliErrors.Fail("no topic to replay to: give --to, or Kafka:InputTopic as for run (not the dead-letter topic)", CliErrors.ConfigurationError);
            }

            var request = new ReplayRequest(context, target, result.GetValue(dryRun), result.GetValue(skipTruncated), result.GetValue(allowTruncated));
            return Replay(request, cancellation);
        }));
        return command;
    }

    private static int Replay(ReplayRequest request, CancellationToken cancellation)
    {
        var (context, target, dryRun, skipTruncated, allowTruncated) = request;
        using var reader = new TopicReader(ToolClientConfigs.Consumer(context.Kafka, "dlq-replay"));
        var ranges = reader.Ranges(context.Topic, context.Filter.Since);
        // First pass, metadata only: what is selected, whether it can be replayed as it was, and since when.
        var selected = reader.Read(ranges, cancellation).Select(DeadLetter.From).Where(context.Filter.Matches)
            .Select(l => (l.Coordinates, l.Timestamp, l.IsTruncated)).ToList();
        var replayed = selected.Count == 0 ? [] : ReplayLedger.Replayed(reader, target, selected.Min(s => s.Timestamp), cancellation);
        var fresh = selected.Where(s => !replayed.Contains(s.Coordinates)).ToList();
        var truncated = fresh.Count(s => s.IsTruncated);
        if (truncated > 0 && !skipTruncated && !allowTruncated)
        {
            return CliErrors.Fail(
                $"{truncated} of the {fresh.Count} selected dead letters still to replay hold only the head of their value (kazner-kept-bytes): nothing sent; narrow the selection, or pass --skip-truncated (replay the others) or --allow-truncated (send the heads)",
                CliErrors.InputError);
        }

        var pending = fresh.Where(s => allowTruncated || !s.IsTruncated).Select(s => s.Coordinates).ToHashSet(StringComparer.Ordinal);
        var already = selected.Count - fresh.Count;
        var skipped = allowTruncated ? 0 : truncated;
        var summary = $"{selected.Count} selected on {context.Topic}, {already} already replayed, {skipped} truncated left out";

        var to = new ReplayTarget(target, reader.Partitions(target).Count);
        // Second pass over the same offsets: the values, read again rather than held in memory.
        var letters = reader.Read(ranges, cancellation).Select(DeadLetter.From).Where(l => pending.Contains(l.Coordinates));
        if (dryRun)
        {
            foreach (var letter in letters)
            {
                var partition = to.For(letter).Partition;
                Console.Out.WriteLine(DeadLetterJson.Line(letter, json => WriteTarget(json, target, partition.IsSpecial ? null : partition.Value)));
            }

            Console.Error.WriteLine($"dry run: would replay {pending.Count} to {target} ({summary})");
            return 0;
        }

        if (pending.Count == 0)
        {
            Console.Error.WriteLine($"replayed 0 to {target} ({summary})");
            return 0;
        }

        using var sender = new ReplaySender(ToolClientConfigs.Producer(context.Kafka), to);

        void SendAll(Action? sent)
        {
            foreach (var letter in letters)
            {
                sender.Send(letter, cancellation);
                sent?.Invoke();
            }

            sender.Flush(cancellation);
        }

        if (Console.IsOutputRedirected)
        {
            SendAll(null);
        }
        else
        {
            AnsiConsole.Progress().Start(progress =>
            {
                var task = progress.AddTask($"replaying to {Markup.Escape(target)}", maxValue: pending.Count);
                SendAll(() => task.Value = sender.Delivered + sender.Failed);
                task.Value = pending.Count;
            });
        }

        Console.Error.WriteLine($"replayed {sender.Delivered} to {target} ({summary})");
        return sender.Failed == 0
            ? 0
            : CliErrors.Fail($"{sender.Failed} records not acknowledged ({sender.FirstError}); run the same replay again to send only those", CliErrors.UnexpectedError);
    }

    private static void WriteTarget(Utf8JsonWriter json, string topic, int? partition)
    {
        json.WriteStartObject("replayTo");
        json.WriteString("topic", topic);
        if (partition is { } p)
        {
            json.WriteNumber("partition", p);
        }

        json.WriteEndObject();
    }

    private sealed record ReplayRequest(DlqContext Context, string Target, bool DryRun, bool SkipTruncated, bool AllowTruncated);
}
