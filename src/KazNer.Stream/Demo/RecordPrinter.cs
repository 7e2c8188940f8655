using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using KazNer.Stream.Records;

namespace KazNer.Stream.Demo;

/// <summary>Reads the output and dead-letter topics and prints every record as it arrives.</summary>
internal sealed class RecordPrinter(string bootstrapServers, string outputTopic, string deadLetterTopic)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);

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
        consumer.Subscribe([outputTopic, deadLetterTopic]);
        var watch = Stopwatch.StartNew();
        int annotated = 0, deadLettered = 0;
        await Task.Run(
            () =>
            {
                while (annotated + deadLettered < expected && !cancellation.IsCancellationRequested && watch.Elapsed < GiveUpAfter)
                {
                    if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { Message: { } message } result)
                    {
                        continue;
                    }

                    if (result.Topic == outputTopic)
                    {
                        annotated++;
                        records.WriteLine(Encoding.UTF8.GetString(message.Value));
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
        await progress.WriteLineAsync($"kazner demo: {annotated} annotated, {deadLettered} dead-lettered, of {expected}, in {watch.Elapsed.TotalSeconds:F1} s.").ConfigureAwait(false);
    }
}
