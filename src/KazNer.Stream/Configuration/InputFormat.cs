namespace KazNer.Stream.Configuration;

/// <summary>What a document's bytes hold: a Kafka message value, or one line of a file read by the CLI.</summary>
public enum InputFormat
{
    /// <summary>A JSON object with <c>id</c> and <c>text</c>; other members are carried through.</summary>
    Json,

    /// <summary>Plain UTF-8 text; the id is the Kafka key (else <c>topic/partition/offset</c>) or the line number.</summary>
    Text,
}
