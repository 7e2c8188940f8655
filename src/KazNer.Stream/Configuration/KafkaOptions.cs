using System.ComponentModel.DataAnnotations;

namespace KazNer.Stream.Configuration;

/// <summary>The "Kafka" section: where documents come from and where annotations go.</summary>
public sealed class KafkaOptions : IValidatableObject
{
    public const string SectionName = "Kafka";

    [Required]
    public string BootstrapServers { get; set; } = "";

    [Required]
    public string InputTopic { get; set; } = "";

    [Required]
    public string OutputTopic { get; set; } = "";

    /// <summary>Defaults to <c>&lt;InputTopic&gt;.dlq</c>.</summary>
    public string? DeadLetterTopic { get; set; }

    /// <summary>Optional: one record per entity mention, keyed by its entity key (schemas/entity-event.v1.schema.json).</summary>
    public string? EntityTopic { get; set; }

    [Required]
    public string GroupId { get; set; } = "kazner-stream";

    public DeliveryMode Delivery { get; set; } = DeliveryMode.AtLeastOnce;

    public InputFormat InputFormat { get; set; } = InputFormat.Json;

    /// <summary>What the start and end of sentences and entities count in the output records.</summary>
    public OffsetUnit OffsetUnit { get; set; } = OffsetUnit.Utf16;

    /// <summary>
    /// The largest record the worker reads or writes: an input over it is dead-lettered as too-large, an output over
    /// it as output-too-large; it is the producers' <c>message.max.bytes</c>, the consumer's
    /// <c>max.partition.fetch.bytes</c> and the bound of a dead letter's kept head (librdkafka's own minimum is 1000).
    /// </summary>
    [Range(1000, 100 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = Records.InputRecordParser.DefaultMaxDocumentBytes;

    public string? SecurityProtocol { get; set; }

    public string? SaslMechanism { get; set; }

    /// <summary><see cref="SecurityProtocol"/> read once for every client: the enum's name or librdkafka's (SASL_SSL).</summary>
    internal Confluent.Kafka.SecurityProtocol? SecurityProtocolValue => ParseName<Confluent.Kafka.SecurityProtocol>(SecurityProtocol);

    /// <summary><see cref="SaslMechanism"/> read once for every client: the enum's name or librdkafka's (SCRAM-SHA-512).</summary>
    internal Confluent.Kafka.SaslMechanism? SaslMechanismValue => ParseName<Confluent.Kafka.SaslMechanism>(SaslMechanism);

    public string? SaslUsername { get; set; }

    public string? SaslPassword { get; set; }

    /// <summary>Any librdkafka property but the ones the worker owns (<see cref="WorkerOwnedKafkaKeys"/>), passed to the consumer and the producers.</summary>
    public Dictionary<string, string> Properties { get; set; } = [];

    /// <summary>librdkafka properties for the consumer only (applied after <see cref="Properties"/>).</summary>
    public Dictionary<string, string> ConsumerProperties { get; set; } = [];

    /// <summary>librdkafka properties for the producers only (applied after <see cref="Properties"/>).</summary>
    public Dictionary<string, string> ProducerProperties { get; set; } = [];

    /// <summary>The producer's <c>transactional.id</c> under <see cref="DeliveryMode.ExactlyOnce"/>.</summary>
    public string TransactionalId => $"{GroupId}-{Environment.MachineName}";

    public string ResolvedDeadLetterTopic =>
        string.IsNullOrWhiteSpace(DeadLetterTopic) ? $"{InputTopic}.dlq" : DeadLetterTopic;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // An empty topic is reported by [Required]; comparing it with another would only add a misleading line.
        if (InputTopic.Length > 0 && string.Equals(InputTopic, OutputTopic, StringComparison.Ordinal))
        {
            yield return new ValidationResult("OutputTopic must differ from InputTopic", [nameof(OutputTopic)]);
        }

        if (InputTopic.Length > 0 && (ResolvedDeadLetterTopic == InputTopic || ResolvedDeadLetterTopic == OutputTopic))
        {
            yield return new ValidationResult("DeadLetterTopic must differ from InputTopic and OutputTopic", [nameof(DeadLetterTopic)]);
        }

        if (!string.IsNullOrWhiteSpace(EntityTopic) && (EntityTopic == InputTopic || EntityTopic == OutputTopic || EntityTopic == ResolvedDeadLetterTopic))
        {
            yield return new ValidationResult("EntityTopic must differ from InputTopic, OutputTopic and DeadLetterTopic", [nameof(EntityTopic)]);
        }

        if (SecurityProtocol is { Length: > 0 } protocol && SecurityProtocolValue is null)
        {
            yield return new ValidationResult($"SecurityProtocol '{protocol}' is not one of Plaintext, Ssl, SaslPlaintext, SaslSsl", [nameof(SecurityProtocol)]);
        }

        if (SaslMechanism is { Length: > 0 } mechanism && SaslMechanismValue is null)
        {
            yield return new ValidationResult($"SaslMechanism '{mechanism}' is not one of Plain, ScramSha256, ScramSha512, Gssapi, OAuthBearer", [nameof(SaslMechanism)]);
        }

        foreach (var problem in WorkerOwnedKafkaKeys.Problems(this))
        {
            // No member name: the line names the key itself, "Properties:group.id is set by ...".
            yield return new ValidationResult(problem);
        }
    }

    private static T? ParseName<T>(string? value)
        where T : struct, Enum =>
        value is { Length: > 0 } && Enum.TryParse<T>(value.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), true, out var parsed)
            && Enum.IsDefined(parsed) ? parsed : null;
}
