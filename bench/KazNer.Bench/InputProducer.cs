using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using KazNer.Core;

namespace KazNer.Bench;

/// <summary>Writes documents to the input topic as `{"id","text"}`, stamping each with when it was sent.</summary>
internal sealed class InputProducer(string bootstrap, string topic) : IDisposable
{
    private readonly IProducer<string, string> producer = new ProducerBuilder<string, string>(new ProducerConfig
    {
        BootstrapServers = bootstrap,
        LingerMs = 1,
        // Through a broker outage the benchmark's own producer keeps every document until the broker is back.
        MessageTimeoutMs = 600_000,
    }).SetLogHandler((_, _) => { }).Build();

    /// <summary>Document id → when it was sent (UTC), the input record's timestamp.</summary>
    public ConcurrentDictionary<string, DateTime> Sent { get; } = new(StringComparer.Ordinal);

    public void Send(string id, string text)
    {
        var now = DateTime.UtcNow;
        Sent[id] = now;
        var value = JsonSerializer.Serialize(new { id, text });
        producer.Produce(topic, new Message<string, string> { Key = id, Value = value, Timestamp = new Timestamp(now) });
    }

    /// <summary>Sends documents at a steady rate for a while, cycling through the text.</summary>
    /// <returns>How many were sent.</returns>
    public async Task<int> SendAtRateAsync(string prefix, IReadOnlyList<NerDocument> documents, double perSecond, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var sent = 0;
        while (clock.Elapsed < duration)
        {
            var due = TimeSpan.FromSeconds(sent / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed).ConfigureAwait(false);
            }

            Send($"{prefix}{sent}", documents[sent % documents.Count].Text);
            sent++;
        }

        return sent;
    }

    public void Flush() => producer.Flush(TimeSpan.FromMinutes(10));

    public void Dispose() => producer.Dispose();
}
