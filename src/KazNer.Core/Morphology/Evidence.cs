namespace KazNer.Core.Morphology;

/// <summary>How well a stem is attested as a word of its own.</summary>
internal enum Evidence
{
    None,

    /// <summary>The word list has the stem as written, and nothing more.</summary>
    Weak,

    /// <summary>A known name, a bare form in the same document, or the stem inflected otherwise in the word list.</summary>
    Strong,
}
