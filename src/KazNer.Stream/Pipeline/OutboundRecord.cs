using Confluent.Kafka;

namespace KazNer.Stream.Pipeline;

/// <summary>A record to publish: an annotation on the output topic or a dead letter.</summary>
internal sealed record OutboundRecord(string Topic, byte[]? Key, byte[] Value, Headers Headers, bool IsDeadLetter);
