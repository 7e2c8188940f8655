namespace KazNer.Stream.Cli;

internal enum InputFormat
{
    /// <summary>Plain text: every non-blank line is a document.</summary>
    Text,

    /// <summary>JSON Lines: {"id": ..., "text": ...} per line.</summary>
    Jsonl,
}
