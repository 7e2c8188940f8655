using System.Text;

namespace KazNer.Core.Morphology;

/// <summary>
/// The key of an entity: <c>TYPE:canonical</c>, readable (<c>GPE:Астана</c>) and the same in every document and
/// worker. The canonical form is normalised to Unicode NFC, its whitespace runs to one space and its dashes to
/// U+002D; letter case is kept (Kazakh names are capitalised; "Ақ жол" and "Ақ Жол" are different names).
/// </summary>
public static class EntityKey
{
    public static string Of(string type, string canonical)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(canonical);
        var normal = canonical.Normalize(NormalizationForm.FormC);
        var key = new StringBuilder(type.Length + 1 + normal.Length).Append(type).Append(':');
        var pendingSpace = false;
        foreach (var c in normal)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = key.Length > type.Length + 1;
                continue;
            }

            if (pendingSpace)
            {
                key.Append(' ');
                pendingSpace = false;
            }

            key.Append(c is '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' ? '-' : c);
        }

        return key.ToString();
    }
}
