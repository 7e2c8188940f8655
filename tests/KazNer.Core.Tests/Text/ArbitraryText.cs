using CsCheck;

namespace KazNer.Core.Tests.Text;

/// <summary>
/// Generators of text for the property tests: any UTF-16 (lone surrogates included) mixed with the pieces the
/// splitter and tokenizer treat specially, so that random strings reach their rules and not only their default path.
/// </summary>
internal static class ArbitraryText
{
    private static readonly string[] Fragments =
    [
        "Қазақстан", "Астана", "Тоқаев", "ж.", "т.б.", "т.с.с.", "проф.", "Қ.", "млн.", "2024", "15.04.2024", "2.5", "3,14",
        ".", "!", "?", "…", "...", "?!", "«", "»", "\"", "“", "”", "(", ")", "[", "]", "-", "–", "—", ",", ";", ":", "/", "%", "№",
        " ", "  ", "\t", "\n", "\r\n", "\u00A0", "\u2028", "\u200B", "\uFEFF", "\u0000", "\u0007",
        "😀", "👨‍👩‍👧", "🇰🇿", "👍🏽", "\uD800", "\uDC00", "\uDBFF\uDFFF", "\u0301", "\u0301\u0301\u0301", "а\u0308",
        "القاهرة", "שלום", "\u202E", "\u200F", "北京", "दिल्ली", "http://kaz.kz/a.b?c=d", "a@b.kz", "1.", "I.", "A.",
    ];

    /// <summary>Runs of fragments and arbitrary characters, up to a few hundred characters.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
            (3, Gen.OneOf(Fragments)),
            (1, Gen.Char.Select(c => c.ToString())),
            (1, Gen.String[0, 12]))
        .Array[0, 80]
        .Select(parts => string.Concat(parts));

    /// <summary>True when <paramref name="index"/> falls between the two halves of a surrogate pair.</summary>
    public static bool SplitsSurrogatePair(string text, int index) =>
        index > 0 && index < text.Length && char.IsHighSurrogate(text[index - 1]) && char.IsLowSurrogate(text[index]);
}
