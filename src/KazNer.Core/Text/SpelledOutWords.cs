namespace KazNer.Core.Text;

/// <summary>
/// Abbreviations of numbers and units that news writes and KazNERD never does (its 16,911 validation and
/// test-part-A sentences have "миллиард" 167 times and "млрд" not once). The model reads the spelled-out word
/// it was trained on; offsets and entity text stay those of the document.
/// </summary>
internal static class SpelledOutWords
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["млн"] = "миллион",
        ["млрд"] = "миллиард",
        ["трлн"] = "триллион",
        ["км"] = "километр",
        ["кг"] = "килограмм",
    };

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The word the model should read for <paramref name="word"/>.</summary>
    public static ReadOnlySpan<char> ForModel(ReadOnlySpan<char> word) =>
        word.Length <= 4 && Lookup.TryGetValue(word, out var spelled) ? spelled : word;
}
