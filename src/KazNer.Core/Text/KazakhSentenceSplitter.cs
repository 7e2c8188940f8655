namespace KazNer.Core.Text;

/// <summary>
/// Splits Kazakh news text into sentences in one linear pass. A sentence ends at <c>. ! ? …</c> (and runs such
/// as <c>?!</c>, <c>...</c>) followed by whitespace, unless the next word starts lowercase, the dot belongs to an
/// abbreviation or initial, or the terminator sits inside an open quotation; closing quotes and brackets right
/// after the terminator stay with the sentence. Line structure also ends sentences: a blank line always, a
/// single line break after a terminator, before a list item (<c>- </c>, <c>• </c>, <c>1) </c>, <c>1. </c>) or
/// after one. Spans exclude surrounding whitespace and are never empty.
/// </summary>
public static class KazakhSentenceSplitter
{
    public static IReadOnlyList<TextSpan> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new SentenceScanner(text).Scan();
    }
}
