namespace KazNer.Stream.Configuration;

/// <summary>What an input message value holds.</summary>
public enum InputFormat
{
    /// <summary>A JSON object with <c>id</c> and <c>text</c>; other members are carried through.</summary>
    Json,

    /// <summary>Plain UTF-8 text; the id is the key, else <c>topic/partition/offset</c>.</summary>
    Text,
}
