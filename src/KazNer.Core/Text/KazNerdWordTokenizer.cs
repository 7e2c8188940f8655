using System.Globalization;
using System.Text;

namespace KazNer.Core.Text;

/// <summary>
/// Splits a sentence into words the way KazNERD is tokenized, so the model sees the units it was trained on.
/// A word is a run of letters, digits and combining marks, glued by hyphens (<c>Қасым-Жомарт</c>,
/// <c>1-інші</c>, <c>КОВИД-19</c>, also a leading or trailing hyphen: <c>-ға</c>, <c>Екі-</c>, but not a
/// leading hyphen before a capital: <c>Қ.-Ж.</c> gives <c>Қ . - Ж .</c>) and by an en dash
/// or apostrophe standing between two such characters. Every other visible character is a word of its own:
/// <c>3,5</c> gives <c>3 , 5</c>, <c>ж.</c> gives <c>ж .</c>, <c>«Нұр»</c> gives <c>« Нұр »</c>. The one
/// exception: a closing quote or bracket, percent or currency sign directly followed by a hyphenated case
/// ending stays with it (<c>%-ке</c>, <c>»-дан</c>), as the corpus writes case endings of symbols.
/// </summary>
public static class KazNerdWordTokenizer
{
    /// <summary>Returns the words of <paramref name="sentence"/> as offsets into <paramref name="text"/>.</summary>
    public static IReadOnlyList<TextSpan> Tokenize(string text, TextSpan sentence)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (sentence.Start < 0 || sentence.End > text.Length || sentence.Start > sentence.End)
        {
            throw new ArgumentOutOfRangeException(nameof(sentence), sentence, "The span must lie within the text.");
        }

        var words = new List<TextSpan>();
        var end = sentence.End;
        var i = sentence.Start;
        while (i < end)
        {
            if (TextCharacters.IsSeparator(text[i]))
            {
                i++;
                continue;
            }

            var wordEnd = MatchWord(text, i, end);
            if (wordEnd == i)
            {
                wordEnd = i + RuneLength(text, i, end);
            }

            words.Add(new TextSpan(i, wordEnd));
            i = wordEnd;
        }

        return words;
    }

    /// <summary>End of the word that starts at <paramref name="start"/>, or <paramref name="start"/> if none does.</summary>
    private static int MatchWord(string text, int start, int end)
    {
        var i = start;
        if (IsSuffixCarrier(text, i, end, out var carrierLength) && StartsCaseEnding(text, i + carrierLength, end))
        {
            i += carrierLength;
        }

        while (i < end && TextCharacters.IsHyphen(text[i]))
        {
            i++;
        }

        var wordCharLength = WordCharLength(text, i, end);
        // A leading hyphen belongs to a case ending (-ға), never to a capital: in "Қ.-Ж." it stands between initials.
        if (wordCharLength == 0 || (TextCharacters.IsHyphen(text[start]) && char.IsUpper(text, i)))
        {
            return start;
        }

        i += wordCharLength;
        while (i < end)
        {
            var next = WordCharLength(text, i, end);
            if (next > 0)
            {
                i += next;
            }
            else if (TextCharacters.IsHyphen(text[i]))
            {
                i++;
            }
            else if (IsInnerJoiner(text[i]) && WordCharLength(text, i + 1, end) > 0)
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    /// <summary>En dash (<c>іс–шаралар</c>), apostrophes (<c>O'zbek</c>) and the soft hyphen join only inside a word.</summary>
    private static bool IsInnerJoiner(char c) => c is '\u2013' or '\'' or '\u2019' or '\u00AD';

    /// <summary>A hyphen and a letter: <c>-ке</c> in <c>5%-ке</c>, but not <c>-10</c> in <c>5%-10%</c>.</summary>
    private static bool StartsCaseEnding(string text, int i, int end) =>
        i + 1 < end && TextCharacters.IsHyphen(text[i]) && char.IsLetter(text[i + 1]);

    private static bool IsSuffixCarrier(string text, int i, int end, out int length)
    {
        var rune = DecodeRune(text, i, end, out length);
        if (rune.Value is '%' or '\u2030')
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.ClosePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.CurrencySymbol;
    }

    /// <summary>UTF-16 length of the letter, digit or mark at <paramref name="i"/>, or 0 for anything else.</summary>
    private static int WordCharLength(string text, int i, int end)
    {
        if (i >= end)
        {
            return 0;
        }

        var rune = DecodeRune(text, i, end, out var length);
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber
                or UnicodeCategory.OtherNumber => length,
            _ => 0,
        };
    }

    private static int RuneLength(string text, int i, int end)
    {
        DecodeRune(text, i, end, out var length);
        return length;
    }

    /// <summary>Decodes a surrogate pair as one character; a lone surrogate comes back as U+FFFD of length 1.</summary>
    private static Rune DecodeRune(string text, int i, int end, out int length)
    {
        Rune.DecodeFromUtf16(text.AsSpan(i, end - i), out var rune, out length);
        return rune;
    }
}
