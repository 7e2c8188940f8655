using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using KazNer.Stream.Pipeline;

namespace KazNer.Stream.Tests.Support;

/// <summary>A message source without a broker: partitions are queues, pause and commit are recorded.</summary>
internal sealed class InMemorySource(string topic, int partitions) : IMessageSource
{
    private readonly ConcurrentQueue<SourceMessage>[] queues = [.. Enumerable.Range(0, partitions).Select(_ => new ConcurrentQueue<SourceMessage>())];
    private readonly long[] nextOffset = new long[partitions];
    private readonly HashSet<int> paused = [];
    private readonly SemaphoreSlim arrived = new(0);
    private IPartitionEvents? events;
    private bool assigned;
    private int next;

    public ConcurrentDictionary<TopicPartition, long> Committed { get; } = new();

    public int ConsumedCount { get; private set; }

    public bool IsPaused { get; private set; }

    public bool Closed { get; private set; }

    public IReadOnlyList<TopicPartition> Assignment => assigned ? [.. Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p))] : [];

    public IConsumerGroupMetadata? GroupMetadata => null;

    public SourceMessage Add(int partition, string value, string? key = null) => Add(partition, Encoding.UTF8.GetBytes(value), key);

    public SourceMessage Add(int partition, byte[] value, string? key = null)
    {
        var message = new SourceMessage(
            new TopicPartitionOffset(topic, partition, nextOffset[partition]++),
            key is null ? null : Encoding.UTF8.GetBytes(key),
            value,
            [new Header("origin", "test"u8.ToArray())],
            DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + nextOffset[partition]));
        queues[partition].Enqueue(message);
        arrived.Release();
        return message;
    }

    public void Subscribe(string topicName, IPartitionEvents partitionEvents) => events = partitionEvents;

    public SourceMessage? Consume(TimeSpan timeout)
    {
        if (!assigned)
        {
            assigned = true;
            events!.Assigned(Assignment);
        }

        for (var i = 0; i < partitions; i++)
        {
            var partition = (next + i) % partitions;
            if (!paused.Contains(partition) && queues[partition].TryDequeue(out var message))
            {
                next = partition + 1;
                ConsumedCount++;
                return message;
            }
        }

        arrived.Wait(timeout);
        return null;
    }

    public void Pause(IReadOnlyList<TopicPartition> partitionsToPause)
    {
        IsPaused = true;
        paused.UnionWith(partitionsToPause.Select(p => p.Partition.Value));
    }

    public void Resume(IReadOnlyList<TopicPartition> partitionsToResume)
    {
        IsPaused = false;
        paused.ExceptWith(partitionsToResume.Select(p => p.Partition.Value));
    }

    public void Commit(IReadOnlyList<TopicPartitionOffset> offsets)
    {
        foreach (var offset in offsets)
        {
            Committed[offset.TopicPartition] = offset.Offset.Value;
        }
    }

    public long? HighWatermark(TopicPartition partition) => nextOffset[partition.Partition.Value];

    public void Close() => Closed = true;

    public void Dispose() => arrived.Dispose();
}
