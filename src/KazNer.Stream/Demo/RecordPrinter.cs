using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using KazNer.Stream.Records;
using Spectre.Console;

namespace KazNer.Stream.Demo;

/// <summary>
/// Reads the output, dead-letter and entity topics and prints every document as it arrives: a table of its
/// entities (or the raw record with <c>--json</c>), and at the end the most mentioned entities by key.
/// </summary>
internal sealed class RecordPrinter(string bootstrapServers, DemoTopics topics, bool json)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan EntityEventsGrace = TimeSpan.FromSeconds(10);
    private const int MostMentioned = 15;

    public async Task PrintAsync(int expected, TextWriter records, TextWriter progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(progress);
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"kazner-demo-printer-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = IsolationLevel.ReadCommitted,
        };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Subscribe([topics.Output, topics.DeadLetters, topics.Entities]);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(records) });
        var tally = new EntityTally();
        var watch = Stopwatch.StartNew();
        int annotated = 0, deadLettered = 0, entityEvents = 0;
        await Task.Run(
            () =>
            {
                TimeSpan? documentsDoneAt = null;
                while (!cancellation.IsCancellationRequested && watch.Elapsed < GiveUpAfter)
                {
                    if (annotated + deadLettered >= expected)
                    {
                        // The entity events travel with their documents; give the reader a moment to catch up.
                        documentsDoneAt ??= watch.Elapsed;
                        if (entityEvents >= tally.Mentions || watch.Elapsed - documentsDoneAt > EntityEventsGrace)
                        {
                            break;
                        }
                    }

                    if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { Message: { } message } result)
                    {
                        continue;
                    }

                    if (result.Topic == topics.Entities)
                    {
                        entityEvents++;
                    }
                    else if (result.Topic == topics.Output)
                    {
                        annotated++;
                        Print(console, records, message.Value, tally);
                    }
                    else
                    {
                        deadLettered++;
                        var error = message.Headers.TryGetLastBytes(KazNerHeaders.Error, out var bytes) ? Encoding.UTF8.GetString(bytes) : "?";
                        progress.WriteLine($"dead letter ({error}): {result.TopicPartitionOffset}");
                    }
                }
            },
            CancellationToken.None).ConfigureAwait(false);
        consumer.Close();
        if (!json)
        {
            console.Write(EntityTables.MostMentioned(tally, MostMentioned, $"most mentioned entities ({tally.Mentions} mentions in {tally.Records} documents)"));
        }

        await progress.WriteLineAsync(
            $"kazner demo: {annotated} annotated, {deadLettered} dead-lettered, of {expected}, in {watch.Elapsed.TotalSeconds:F1} s; " +
            $"{entityEvents} entity events on '{topics.Entities}'.").ConfigureAwait(false);
    }

    private void Print(IAnsiConsole console, TextWriter records, byte[] value, EntityTally tally)
    {
        var record = OutputRecord.TryParse(value);
        if (record is not null)
        {
            tally.Add(record);
        }

        if (json || record is null)
        {
            records.WriteLine(Encoding.UTF8.GetString(value));
            return;
        }

        console.Write(EntityTables.Document(record));
    }
}
