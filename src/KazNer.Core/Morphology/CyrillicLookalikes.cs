using System.Buffers;

namespace KazNer.Core.Morphology;

/// <summary>
/// Latin letters typed inside Kazakh Cyrillic words, above all Latin i for і ("университетiнде"): mapped one to one,
/// so offsets stay the same.
/// </summary>
internal static class CyrillicLookalikes
{
    private const string Latin = "aceiopxyACEHIKMOPTXB";
    private const string Cyrillic = "асеіорхуАСЕНІКМОРТХВ";
    private static readonly SearchValues<char> LatinLetters = SearchValues.Create(Latin);

    /// <summary>The word with its Latin look-alikes made Cyrillic when it has a Cyrillic letter; else as it is.</summary>
    public static string ToCyrillic(string word)
    {
        if (!word.Any(IsCyrillic) || !word.AsSpan().ContainsAny(LatinLetters))
        {
            return word;
        }

        return string.Create(word.Length, word, static (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var latin = Latin.IndexOf(source[i], StringComparison.Ordinal);
                chars[i] = latin >= 0 ? Cyrillic[latin] : source[i];
            }
        });
    }

    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';
}
