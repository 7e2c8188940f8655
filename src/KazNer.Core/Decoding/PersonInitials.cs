using KazNer.Core.Text;

namespace KazNer.Core.Decoding;

/// <summary>
/// Initials written before a surname (<c>Н. Жақыпов</c>, <c>Қ.-Ж. Тоқаев</c>, <c>А. Б. Сәрсенбаев</c>) belong to
/// the person. KazNERD, transcribed speech, has almost none, so a model trained on it tags the surname alone;
/// the person entity is widened over the initials the word tokenizer split off (a capital and its dot, with
/// a hyphen between two of them), as long as no other entity holds those words.
/// </summary>
internal static class PersonInitials
{
    public static bool IsPersonType(string type) => type is "PERSON" or "PER";

    /// <summary>The first word of the person entity whose own first word is <paramref name="first"/>.</summary>
    public static int FirstWord(string text, IReadOnlyList<TextSpan> words, int first, Func<int, bool> isOutside)
    {
        var w = first;
        while (true)
        {
            var k = w;
            if (w < first && k >= 1 && isOutside(k - 1) && IsHyphen(text, words[k - 1]))
            {
                k--;
            }

            if (k < 2 || !isOutside(k - 1) || !isOutside(k - 2) || !IsDot(text, words[k - 1]) || !IsInitial(text, words[k - 2]))
            {
                return w;
            }

            w = k - 2;
        }
    }

    private static bool IsInitial(string text, TextSpan word) => word.End - word.Start == 1 && char.IsUpper(text[word.Start]);

    private static bool IsDot(string text, TextSpan word) => word.End - word.Start == 1 && text[word.Start] == '.';

    private static bool IsHyphen(string text, TextSpan word) => word.End - word.Start == 1 && TextCharacters.IsHyphen(text[word.Start]);
}
