namespace KazNer.Core.Text;

/// <summary>Character classes shared by the sentence splitter and the word tokenizer.</summary>
internal static class TextCharacters
{
    /// <summary>
    /// Whitespace (NBSP included) and the invisible zero-width characters that editors and web copy leave
    /// between words; neither may end up inside a sentence edge or a word.
    /// </summary>
    public static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';

    public static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029';

    /// <summary>Hyphen-minus and the Unicode hyphens; all glue the parts of a compound word.</summary>
    public static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011';

    public static bool IsDash(char c) => IsHyphen(c) || c is '\u2012' or '\u2013' or '\u2014' or '\u2015';
}
