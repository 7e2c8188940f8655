using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using KazNer.Stream.Cli;
using KazNer.Stream.Configuration;
using KazNer.Stream.Demo;
using KazNer.Stream.Kafka;
using Spectre.Console;

namespace KazNer.Stream.Commands;

/// <summary>
/// <c>kazner top</c>: a live table of the most mentioned entities per type on an output topic (document records
/// or entity events), over a sliding window of record time, refreshed as records arrive.
/// </summary>
internal static class TopCommand
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(500);

    public static Command Create()
    {
        var topic = new Option<string>("--topic") { Description = "Output topic to read: annotated records or entity events", Required = true };
        var bootstrap = new Option<string?>("--bootstrap-servers") { Description = "Kafka broker list (over Kafka:BootstrapServers; default localhost:9092)" };
        var window = new Option<string?>("--window") { Description = "Count only the last span of record time (processedAt), e.g. 15m, 1h, 7d; default: everything read" };
        var top = new Option<int>("--top") { Description = "Entities per type", DefaultValueFactory = _ => 10 };
        var latest = new Option<bool>("--latest") { Description = "Start at the end of the topic instead of its beginning" };
        var maxRecords = new Option<int?>("--max-records") { Description = "Stop after this many records (default: until Ctrl+C)" };
        var command = new Command("top", "Live table of the most mentioned entities per type on an output topic. Kafka settings as for run: appsettings.json, KAZNER_ variables, --Kafka:Key value (SASL/TLS included).")
        {
            topic, bootstrap, window, top, latest, maxRecords,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, cancellation) =>
        {
            TimeSpan? span = null;
            if (result.GetValue(window) is { } text)
            {
                if (!WindowArgument.TryParse(text, out var parsed))
                {
                    Console.Error.WriteLine($"kazner: --window '{text}' is not a span such as 90s, 15m, 1h or 7d");
                    return Task.FromResult(CliErrors.ConfigurationError);
                }

                span = parsed;
            }

            if (result.GetValue(top) < 1 || result.GetValue(maxRecords) is < 1)
            {
                Console.Error.WriteLine("kazner: --top and --max-records must be at least 1");
                return Task.FromResult(CliErrors.ConfigurationError);
            }

            if (!KafkaToolSettings.TryLoad(result.UnmatchedTokens, result.GetValue(bootstrap), out var kafka))
            {
                return Task.FromResult(CliErrors.ConfigurationError);
            }

            var options = new TopOptions(kafka, result.GetValue(topic)!, span, result.GetValue(top), result.GetValue(latest), result.GetValue(maxRecords));
            return Task.Run(() => Run(options, cancellation), CancellationToken.None);
        });
        return command;
    }

    private static int Run(TopOptions options, CancellationToken cancellation)
    {
        var config = ToolClientConfigs.Consumer(options.Kafka, "top");
        config.AutoOffsetReset = options.Latest ? AutoOffsetReset.Latest : AutoOffsetReset.Earliest;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Subscribe(options.Topic);
        var tally = new EntityTally(options.Window);
        var skipped = 0;
        var view = () => EntityTables.TopPerType(tally, options.Top, Caption(options, tally, skipped));

        void ReadUntilDone(Action refresh)
        {
            var sinceRefresh = Stopwatch.StartNew();
            while (!cancellation.IsCancellationRequested && tally.Records < (options.MaxRecords ?? int.MaxValue))
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message.Value: { } value })
                {
                    if (OutputRecord.TryParse(value) is { } record)
                    {
                        tally.Add(record);
                    }
                    else
                    {
                        skipped++;
                    }
                }

                if (sinceRefresh.Elapsed >= RefreshEvery)
                {
                    refresh();
                    sinceRefresh.Restart();
                }
            }
        }

        if (Console.IsOutputRedirected)
        {
            // No terminal to redraw: read, then print the table once.
            ReadUntilDone(static () => { });
            AnsiConsole.Write(view());
        }
        else
        {
            AnsiConsole.Live(view()).Start(context => ReadUntilDone(() =>
            {
                context.UpdateTarget(view());
                context.Refresh();
            }));
            AnsiConsole.Write(view());
        }

        consumer.Close();
        return 0;
    }

    private static string Caption(TopOptions options, EntityTally tally, int skipped)
    {
        var window = options.Window is { } span ? $"last {span:g} of record time" : "all records read";
        var other = skipped > 0 ? $", {skipped} not KazNer records" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{options.Topic}: {tally.Records} records, {tally.Mentions} mentions ({window}{other})");
    }

    private sealed record TopOptions(KafkaOptions Kafka, string Topic, TimeSpan? Window, int Top, bool Latest, int? MaxRecords);
}
