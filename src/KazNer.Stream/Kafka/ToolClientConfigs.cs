using Confluent.Kafka;
using KazNer.Stream.Configuration;

namespace KazNer.Stream.Kafka;

/// <summary>
/// Clients of the operator's commands (<c>top</c>, <c>dlq</c>): the worker's connection and security settings and
/// pass-through properties, then what a reading or replaying tool needs, which no pass-through property overrides.
/// </summary>
internal static class ToolClientConfigs
{
    /// <summary>A consumer that never commits, in a group of its own, reading committed records only.</summary>
    public static ConsumerConfig Consumer(KafkaOptions options, string tool)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = KafkaClientConfigs.WithPassThrough(new ConsumerConfig(KafkaClientConfigs.Common(options)), options.Properties, options.ConsumerProperties);
        config.GroupId = $"kazner-{tool}-{Guid.NewGuid():N}";
        config.EnableAutoCommit = false;
        config.EnableAutoOffsetStore = false;
        config.IsolationLevel = IsolationLevel.ReadCommitted;
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        return config;
    }

    /// <summary>An idempotent producer (no duplicate from its own retries), not transactional.</summary>
    public static ProducerConfig Producer(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = KafkaClientConfigs.WithPassThrough(new ProducerConfig(KafkaClientConfigs.Common(options)), options.Properties, options.ProducerProperties);
        config.EnableIdempotence = true;
        config.Acks = Acks.All;
        config.TransactionalId = null;
        return config;
    }
}
