using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using KazNer.Stream.Pipeline;
using KazNer.Stream.Records;

namespace KazNer.Stream.Tests.Support;

/// <summary>
/// A message source without a broker: partitions are queues, pause and commit are recorded. Like librdkafka, a
/// partition's pause outlives its unassignment, and pause and resume only reach partitions assigned now. Commits
/// can be made to fail with a coordinator's error code.
/// </summary>
internal sealed class InMemorySource(string topic, int partitions) : IMessageSource
{
    private readonly ConcurrentQueue<SourceMessage>[] queues = [.. Enumerable.Range(0, partitions).Select(_ => new ConcurrentQueue<SourceMessage>())];
    private readonly long[] nextOffset = new long[partitions];
    private readonly HashSet<int> paused = [];
    private readonly SemaphoreSlim arrived = new(0);
    private readonly long[] position = new long[partitions];
    private readonly ConcurrentQueue<ErrorCode> commitFailures = new();
    private IPartitionEvents? events;
    private int refusedCommits;
    private bool assigned;
    private int next;
    private volatile bool loseRequested;

    public ConcurrentDictionary<TopicPartition, long> Committed { get; } = new();

    public int ConsumedCount { get; private set; }

    public int RefusedCommits => Volatile.Read(ref refusedCommits);

    /// <summary>Whether any assigned partition is paused.</summary>
    public bool IsPaused => assigned && paused.Count > 0;

    public IReadOnlySet<int> PausedPartitions => paused;

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

    /// <summary>On its next poll the member loses its partitions, polls once with none, then gets them all back.</summary>
    public void LosePartitions() => loseRequested = true;

    public SourceMessage? Consume(TimeSpan timeout)
    {
        if (loseRequested && assigned)
        {
            loseRequested = false;
            var lost = Assignment;
            assigned = false;
            events!.Lost(lost);
            return null;
        }

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
                position[partition] = message.Offset + 1;
                return message;
            }
        }

        arrived.Wait(timeout);
        return null;
    }

    public void Pause(IReadOnlyList<TopicPartition> partitionsToPause) =>
        paused.UnionWith(partitionsToPause.Where(p => assigned).Select(p => p.Partition.Value));

    public void Resume(IReadOnlyList<TopicPartition> partitionsToResume) =>
        paused.ExceptWith(partitionsToResume.Where(p => assigned).Select(p => p.Partition.Value));

    /// <summary>The next commits fail with these codes, one each, as the coordinator would answer them.</summary>
    public void FailCommits(params ErrorCode[] codes)
    {
        foreach (var code in codes)
        {
            commitFailures.Enqueue(code);
        }
    }

    public void Commit(IReadOnlyList<TopicPartitionOffset> offsets)
    {
        if (commitFailures.TryDequeue(out var code))
        {
            Interlocked.Increment(ref refusedCommits);
            throw new KafkaException(new Error(code));
        }

        foreach (var offset in offsets)
        {
            Committed[offset.TopicPartition] = offset.Offset.Value;
        }
    }

    public long? Position(TopicPartition partition) => position[partition.Partition.Value];

    public long? HighWatermark(TopicPartition partition) => nextOffset[partition.Partition.Value];

    public bool Close(TimeSpan timeout)
    {
        Closed = true;
        return true;
    }

    public void Dispose() => arrived.Dispose();
}
