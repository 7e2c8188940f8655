using Confluent.Kafka;

namespace KazNer.Stream.Records;

/// <summary>One message to publish: an annotation, a further message of the same document, or a dead letter.</summary>
internal sealed record OutboundRecord(string Topic, byte[]? Key, byte[] Value, Headers Headers, bool IsDeadLetter)
{
    /// <summary>The size librdkafka checks against <c>message.max.bytes</c>: key, value and serialized headers.</summary>
    public long Bytes => (Key?.LongLength ?? 0) + Value.LongLength + Headers.Sum(h => h.Key.Length + (h.GetValueBytes()?.LongLength ?? 0) + 10);
}
