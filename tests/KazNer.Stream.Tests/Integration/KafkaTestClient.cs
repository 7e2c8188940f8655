using System.Text;
using Confluent.Kafka;

namespace KazNer.Stream.Tests.Integration;

/// <summary>Produces inputs and reads outputs and committed offsets, as any other client of the cluster would.</summary>
internal sealed class KafkaTestClient(string bootstrapServers)
{
    public async Task ProduceAsync(string topic, IEnumerable<(string Key, byte[] Value)> messages)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers }).Build();
        foreach (var (key, value) in messages)
        {
            await producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(key), Value = value });
        }
    }

    /// <summary>Reads from the start until <paramref name="expected"/> records arrived or the deadline.</summary>
    public List<ConsumeResult<byte[], byte[]>> Read(string topic, int expected, double seconds = 60) =>
        ReadUntil(topic, results => results.Count >= expected, seconds);

    public List<ConsumeResult<byte[], byte[]>> ReadUntil(string topic, Func<List<ConsumeResult<byte[], byte[]>>, bool> done, double seconds = 60)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = KafkaFixture.Unique("reader"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
        };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Subscribe(topic);
        var results = new List<ConsumeResult<byte[], byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!done(results) && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result)
            {
                results.Add(result);
            }
        }

        consumer.Close();
        return results;
    }

    public IReadOnlyList<(int Partition, long Committed, long End)> Offsets(string topic, string groupId, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = groupId }).Build();
        var all = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
        var committed = consumer.Committed(all, TimeSpan.FromSeconds(10));
        return [.. committed.Select(c => (c.Partition.Value, c.Offset.Value, consumer.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(10)).High.Value))];
    }
}
