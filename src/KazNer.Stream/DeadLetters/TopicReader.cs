using System.Diagnostics;
using Confluent.Kafka;
using KazNer.Stream.Configuration;

namespace KazNer.Stream.DeadLetters;

/// <summary>The offsets of one partition to read: from <see cref="From"/> up to, not including, <see cref="To"/>.</summary>
internal sealed record PartitionRange(TopicPartition Partition, long From, long To)
{
    public bool IsEmpty => From >= To;
}

/// <summary>
/// Reads a topic's partitions over fixed offset ranges, so a command ends at the end the topic had when it
/// started instead of following records that keep arriving. Reads committed records only and commits nothing.
/// </summary>
internal sealed class TopicReader : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>No record and no end of partition for this long: the broker is not answering.</summary>
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(30);

    private readonly IConsumer<byte[], byte[]> consumer;

    public TopicReader(ConsumerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        // The end of a partition under read_committed is its last stable offset, which only an EOF event tells.
        config.EnablePartitionEof = true;
        consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler(static (_, log) => ToolLog.Write(log)).Build();
    }

    /// <exception cref="SettingsException">The topic does not exist or cannot be described.</exception>
    public IReadOnlyList<TopicPartition> Partitions(string topic)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, RequestTimeout).Topics.SingleOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
        {
            var why = metadata?.Error.IsError == true ? metadata.Error.Reason : "no such topic";
            throw new SettingsException([$"topic '{topic}': {why}"]);
        }

        return [.. metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).OrderBy(p => p.Partition.Value)];
    }

    /// <summary>Every partition from its first record, or from the first record at or after <paramref name="since"/>, to its end now.</summary>
    public IReadOnlyList<PartitionRange> Ranges(string topic, DateTime? since)
    {
        var partitions = Partitions(topic);
        var ends = partitions.Select(p => consumer.QueryWatermarkOffsets(p, RequestTimeout)).ToList();
        var ranges = partitions.Select((p, i) => new PartitionRange(p, ends[i].Low.Value, ends[i].High.Value)).ToList();
        if (since is not { } time)
        {
            return ranges;
        }

        var found = StartsAt(ranges, time);
        // "No record at or after" is also the answer of a broker that cannot look up by time (librdkafka's mock
        // cluster): asked for the epoch, it answers the same for a partition that has records, which is then
        // read from its start instead (the filter on record time still applies).
        var lookupWorks = StartsAt(ranges, DateTime.UnixEpoch);
        return [.. ranges.Select((r, i) => found[i] is { } start ? r with { From = Math.Max(start, r.From) }
            : r.IsEmpty || lookupWorks[i] is not null ? r with { From = r.To }
            : r)];
    }

    /// <summary>Per range, the first offset whose record time is at or after <paramref name="time"/>; null for none.</summary>
    private List<long?> StartsAt(IReadOnlyList<PartitionRange> ranges, DateTime time)
    {
        var found = consumer.OffsetsForTimes(ranges.Select(r => new TopicPartitionTimestamp(r.Partition, new Timestamp(time, TimestampType.CreateTime))), RequestTimeout)
            .ToDictionary(f => f.TopicPartition, f => f.Offset);
        return [.. ranges.Select(r => found.TryGetValue(r.Partition, out var offset) && !offset.IsSpecial ? offset.Value : (long?)null)];
    }

    public IEnumerable<ConsumeResult<byte[], byte[]>> Read(IReadOnlyList<PartitionRange> ranges, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var open = ranges.Where(r => !r.IsEmpty).ToDictionary(r => r.Partition);
        if (open.Count == 0)
        {
            yield break;
        }

        consumer.Assign(open.Values.Select(r => new TopicPartitionOffset(r.Partition, r.From)));
        var idle = Stopwatch.StartNew();
        while (open.Count > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                if (idle.Elapsed > StallTimeout)
                {
                    throw new TimeoutException($"no record from {string.Join(", ", open.Keys)} for {StallTimeout.TotalSeconds:0} s before its end");
                }

                continue;
            }

            idle.Restart();
            if (!open.TryGetValue(result.TopicPartition, out var range))
            {
                continue;
            }

            if (result.IsPartitionEOF || result.Offset.Value >= range.To)
            {
                open.Remove(range.Partition);
                continue;
            }

            if (result.Offset.Value >= range.To - 1)
            {
                open.Remove(range.Partition);
            }

            yield return result;
        }

        consumer.Unassign();
    }

    public void Dispose()
    {
        consumer.Close();
        consumer.Dispose();
    }
}
