namespace KazNer.Stream.Cli;

/// <summary>The outputs of `kazner annotate`.</summary>
internal enum OutputFormat
{
    /// <summary>A JSON object per document: id, sentences, entities (and tokens).</summary>
    Jsonl,

    /// <summary>A table of entities (and a table of tokens), printed when the input ends.</summary>
    Table,
}
