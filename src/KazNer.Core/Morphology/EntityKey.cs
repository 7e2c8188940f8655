using System.Text;

namespace KazNer.Core.Morphology;

/// <summary>
/// The key of an entity: <c>TYPE:canonical</c>, readable (<c>GPE:Астана</c>) and the same in every document and
/// worker. The canonical form is normalised: й and ё written with a combining mark are composed, Latin look-alikes
/// inside a Cyrillic word become the Cyrillic letters (Kazakh text often has Latin i for і), whitespace runs become
/// one space and dashes U+002D. Letter case is kept: Kazakh names are capitalised, and "Ақ жол" is not "Ақ Жол".
/// </summary>
public static class EntityKey
{
    public static string Of(string type, string canonical)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(canonical);
        var key = new StringBuilder(type.Length + 1 + canonical.Length).Append(type).Append(':');
        var words = canonical.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var w = 0; w < words.Length; w++)
        {
            if (w > 0)
            {
                key.Append(' ');
            }

            AppendWord(key, CyrillicLookalikes.ToCyrillic(words[w]));
        }

        return key.ToString();
    }

    private static void AppendWord(StringBuilder key, string word)
    {
        foreach (var c in word)
        {
            // Invariant globalization has no Unicode normalisation tables; these are the compositions Kazakh needs.
            if (c is '\u0306' or '\u0308' && key.Length > 0 && Compose(key[^1], c) is var composed and not '\0')
            {
                key[^1] = composed;
                continue;
            }

            key.Append(c is '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' ? '-' : c);
        }
    }

    private static char Compose(char letter, char mark) => (letter, mark) switch
    {
        ('и', '\u0306') => 'й',
        ('И', '\u0306') => 'Й',
        ('е', '\u0308') => 'ё',
        ('Е', '\u0308') => 'Ё',
        _ => '\0',
    };
}
