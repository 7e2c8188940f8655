using Confluent.Kafka;
using KazNer.Stream.Configuration;

namespace KazNer.Stream.Kafka;

/// <summary>
/// librdkafka settings the worker relies on, with the operator's pass-through properties applied last; the keys the
/// worker owns are refused there before any client is built (<see cref="WorkerOwnedKafkaKeys"/>).
/// </summary>
internal static class KafkaClientConfigs
{
    public const int StatisticsIntervalMs = 5000;

    public static ConsumerConfig Consumer(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new ConsumerConfig(Common(options))
        {
            GroupId = options.GroupId,
            // Offsets are committed by the pipeline only for delivered outputs.
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            IsolationLevel = IsolationLevel.ReadCommitted,
            // One partition's fetch holds the largest record the worker accepts; fetch.max.bytes is raised to
            // message.max.bytes by librdkafka itself (and refused below it when set).
            MaxPartitionFetchBytes = options.MaxMessageBytes,
            // Broker connection states for /readyz (no broker reachable for Pipeline:BrokerUnreachableSeconds).
            StatisticsIntervalMs = StatisticsIntervalMs,
        };
        return WithPassThrough(config, options.Properties, options.ConsumerProperties);
    }

    public static ProducerConfig Producer(KafkaOptions options, string? transactionalId)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new ProducerConfig(Common(options))
        {
            // Idempotence keeps per-partition order across librdkafka's internal retries.
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            // librdkafka retries a retriable error silently until this runs out (300 s by default); sooner, a
            // down output topic reaches the retry and circuit-breaker pipeline, which pauses consumption.
            MessageTimeoutMs = 30_000,
            TransactionalId = transactionalId,
        };
        return WithPassThrough(config, options.Properties, options.ProducerProperties);
    }

    internal static ClientConfig Common(KafkaOptions options)
    {
        // message.max.bytes: what the producers accept (an output over it is dead-lettered), and for the consumer
        // the floor of fetch.max.bytes.
        var config = new ClientConfig { BootstrapServers = options.BootstrapServers, MessageMaxBytes = options.MaxMessageBytes };
        if (options.SecurityProtocolValue is { } protocol)
        {
            config.SecurityProtocol = protocol;
        }

        if (options.SaslMechanismValue is { } mechanism)
        {
            config.SaslMechanism = mechanism;
        }

        config.SaslUsername = options.SaslUsername;
        config.SaslPassword = options.SaslPassword;
        return config;
    }

    /// <summary>
    /// Shared properties, then this client's own: a consumer-only key (session.timeout.ms) in the shared map
    /// makes librdkafka warn on every producer (CONFWARN) though nothing is wrong.
    /// </summary>
    internal static T WithPassThrough<T>(T config, Dictionary<string, string> shared, Dictionary<string, string> own)
        where T : ClientConfig
    {
        foreach (var (key, value) in shared.Concat(own))
        {
            config.Set(key, value);
        }

        return config;
    }
}
