namespace KazNer.Core.Text;

/// <summary>The bullet or number that starts a list item line: <c>- </c>, <c>• </c>, <c>* </c>, <c>1) </c>, <c>12. </c>.</summary>
internal static class ListItemMarker
{
    private const int MaxNumberDigits = 3;

    /// <summary>
    /// The index just past the marker at <paramref name="start"/>, or -1. A space must follow, so a negative
    /// number (-5) or a date at the start of a line (12.03.2024) is not taken for a marker.
    /// </summary>
    public static int End(string text, int start)
    {
        var end = text[start] is '-' or '–' or '—' or '•' or '*' ? start + 1 : NumberMarkerEnd(text, start);
        return end > start && end < text.Length && TextCharacters.IsSeparator(text[end]) && !TextCharacters.IsLineBreak(text[end])
            ? end
            : -1;
    }

    private static int NumberMarkerEnd(string text, int start)
    {
        var i = start;
        while (i < text.Length && i - start <= MaxNumberDigits && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var digits = i - start;
        return digits is > 0 and <= MaxNumberDigits && i < text.Length && text[i] is ')' or '.' ? i + 1 : -1;
    }
}
