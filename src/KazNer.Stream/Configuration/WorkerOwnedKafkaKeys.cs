namespace KazNer.Stream.Configuration;

/// <summary>
/// The librdkafka keys the worker sets itself, refused in <c>Kafka:Properties</c>, <c>Kafka:ConsumerProperties</c> and
/// <c>Kafka:ProducerProperties</c>: an override there would either break a guarantee (an offset committed only once
/// its outputs are delivered) or disagree with what other parts read from the first-class setting (KEDA and the
/// transactional id read Kafka:GroupId, the dead-letter head Kafka:MaxMessageBytes).
/// </summary>
internal static class WorkerOwnedKafkaKeys
{
    private const string Commits = "the worker commits an offset only once its outputs are delivered (Kafka:Delivery)";
    private const string Sizes = "use Kafka:MaxMessageBytes, which sets the producers' message.max.bytes, the consumer's fetch limits and the dead-letter head together";

    /// <summary>Key (librdkafka's name or alias) and what to do instead.</summary>
    private static readonly Dictionary<string, string> Instead = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bootstrap.servers"] = "use Kafka:BootstrapServers",
        ["metadata.broker.list"] = "use Kafka:BootstrapServers",
        ["group.id"] = "use Kafka:GroupId",
        ["transactional.id"] = "under Kafka:Delivery=ExactlyOnce it is <Kafka:GroupId>-<host name>; use Kafka:GroupId",
        ["enable.auto.commit"] = Commits,
        ["enable.auto.offset.store"] = Commits,
        ["isolation.level"] = "the worker reads committed records only (read_committed), so that it never annotates an aborted transaction's records",
        ["enable.idempotence"] = "the worker's producers are idempotent: it keeps each output partition in input order across librdkafka's retries, and ExactlyOnce needs it",
        ["acks"] = "the worker waits for all in-sync replicas (acks=all) before it commits an offset",
        ["request.required.acks"] = "the worker waits for all in-sync replicas (acks=all) before it commits an offset",
        ["security.protocol"] = "use Kafka:SecurityProtocol",
        ["sasl.mechanism"] = "use Kafka:SaslMechanism",
        ["sasl.mechanisms"] = "use Kafka:SaslMechanism",
        ["sasl.username"] = "use Kafka:SaslUsername",
        ["sasl.password"] = "use Kafka:SaslPassword",
        ["message.max.bytes"] = Sizes,
        ["max.partition.fetch.bytes"] = Sizes,
        ["fetch.message.max.bytes"] = Sizes,
    };

    public static IReadOnlyCollection<string> Keys => Instead.Keys;

    /// <summary>One line per owned key set in a pass-through map: the key as configured and what to use instead.</summary>
    public static IEnumerable<string> Problems(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        (string Name, Dictionary<string, string> Map)[] maps =
        [
            (nameof(KafkaOptions.Properties), options.Properties),
            (nameof(KafkaOptions.ConsumerProperties), options.ConsumerProperties),
            (nameof(KafkaOptions.ProducerProperties), options.ProducerProperties),
        ];
        return from map in maps
               from key in map.Map.Keys
               where Instead.ContainsKey(key)
               select $"{map.Name}:{key} is set by the worker: {Instead[key]}";
    }
}
