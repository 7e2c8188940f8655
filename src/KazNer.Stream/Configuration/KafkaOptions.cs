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

    [Required]
    public string GroupId { get; set; } = "kazner-stream";

    public DeliveryMode Delivery { get; set; } = DeliveryMode.AtLeastOnce;

    public InputFormat InputFormat { get; set; } = InputFormat.Json;

    [Range(1, 100 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    public string? SecurityProtocol { get; set; }

    public string? SaslMechanism { get; set; }

    public string? SaslUsername { get; set; }

    public string? SaslPassword { get; set; }

    /// <summary>Any librdkafka property, passed through to the consumer and the producer.</summary>
    public Dictionary<string, string> Properties { get; set; } = [];

    /// <summary>librdkafka's <c>message.max.bytes</c> as set in <see cref="Properties"/>, else its default.</summary>
    public int ProducerMaxMessageBytes =>
        Properties.TryGetValue("message.max.bytes", out var value) && int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var bytes)
            ? bytes
            : DefaultProducerMaxMessageBytes;

    public const int DefaultProducerMaxMessageBytes = 1_000_000;

    public string ResolvedDeadLetterTopic =>
        string.IsNullOrWhiteSpace(DeadLetterTopic) ? $"{InputTopic}.dlq" : DeadLetterTopic;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.Equals(InputTopic, OutputTopic, StringComparison.Ordinal))
        {
            yield return new ValidationResult("OutputTopic must differ from InputTopic", [nameof(OutputTopic)]);
        }

        if (ResolvedDeadLetterTopic == InputTopic || ResolvedDeadLetterTopic == OutputTopic)
        {
            yield return new ValidationResult("DeadLetterTopic must differ from InputTopic and OutputTopic", [nameof(DeadLetterTopic)]);
        }

        if (SecurityProtocol is { Length: > 0 } protocol && !Enum.TryParse<Confluent.Kafka.SecurityProtocol>(protocol.Replace("_", "", StringComparison.Ordinal), true, out _))
        {
            yield return new ValidationResult($"SecurityProtocol '{protocol}' is not one of Plaintext, Ssl, SaslPlaintext, SaslSsl", [nameof(SecurityProtocol)]);
        }

        if (SaslMechanism is { Length: > 0 } mechanism && !Enum.TryParse<Confluent.Kafka.SaslMechanism>(mechanism.Replace("-", "", StringComparison.Ordinal), true, out _))
        {
            yield return new ValidationResult($"SaslMechanism '{mechanism}' is not one of Plain, ScramSha256, ScramSha512, Gssapi, OAuthBearer", [nameof(SaslMechanism)]);
        }
    }
}
