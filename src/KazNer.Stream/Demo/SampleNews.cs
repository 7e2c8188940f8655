using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace KazNer.Stream.Demo;

/// <summary>The shipped sample documents: one JSON object per line, keyed by id when produced.</summary>
internal static class SampleNews
{
    public static IReadOnlyList<(string Id, string Json)> Load(string path) =>
        [.. File.ReadLines(path)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => (JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!, line))];

    public static async Task ProduceAsync(string bootstrapServers, string topic, IReadOnlyList<(string Id, string Json)> samples, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(samples);
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true }).Build();
        foreach (var (id, json) in samples)
        {
            await producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(id), Value = Encoding.UTF8.GetBytes(json) }, cancellation).ConfigureAwait(false);
        }
    }
}
