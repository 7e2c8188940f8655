namespace KazNer.Core.Text;

/// <summary>
/// Quotation marks as they open and close. A straight <c>"</c> has no direction of its own: it opens after
/// whitespace or an opening bracket and closes after anything else, which is how it is typed.
/// </summary>
internal static class QuoteMarks
{
    public static bool Opens(string text, int i) => text[i] switch
    {
        '«' or '“' => true,
        '"' => i == 0 || TextCharacters.IsSeparator(text[i - 1]) || text[i - 1] is '(' or '[' or '«' or '“',
        _ => false,
    };

    public static bool Closes(string text, int i) => text[i] is '»' or '”' || (text[i] == '"' && !Opens(text, i));

    /// <summary>What may follow a terminator and still belong to its sentence: closing quotes and brackets.</summary>
    public static bool IsCloser(string text, int i) => Closes(text, i) || text[i] is ')' or ']';
}
