namespace KazNer.Core.Morphology;

/// <summary>Vowel harmony and the final-sound classes of Kazakh spelling (Cyrillic).</summary>
internal static class KazakhLetters
{
    private const string BackVowels = "аоұыяё";
    private const string FrontVowels = "әөүіеэю";

    // у and и are written both for vowels and for the glides [w] and [j]. у is neutral for harmony; after an и in
    // the last syllable loanwords take either (Мамин-ге, Шони-дің, Каспий-ден, but Путин-мен, Иран-да).
    private const string NeutralVowels = "уи";

    private static readonly string[] SurnameEndings = ["ова", "ева", "ов", "ев", "ёв"];

    public static bool IsVowel(char c) => Contains(BackVowels, c) || Contains(FrontVowels, c) || Contains(NeutralVowels, c);

    public static bool HasVowel(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (IsVowel(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for a back-vowel stem, false for a front-vowel one, null when its last vowels do not decide.</summary>
    public static bool? HarmonyOfStem(ReadOnlySpan<char> stem)
    {
        // A final soft sign (Израиль, Мальта's neighbours) lets either harmony follow.
        if (stem.Length > 0 && char.ToLowerInvariant(stem[^1]) == 'ь')
        {
            return null;
        }

        // The Russian surname ending follows the Kazakh root: Мәлібек-ов-тің, Жақып-ов-тың.
        var end = stem.Length;
        foreach (var surname in SurnameEndings)
        {
            if (stem.Length > surname.Length + 2 && stem.EndsWith(surname, StringComparison.OrdinalIgnoreCase))
            {
                end = stem.Length - surname.Length;
                break;
            }
        }

        for (var i = end - 1; i >= 0; i--)
        {
            var c = char.ToLowerInvariant(stem[i]);

            // е after a vowel is the [je] of Russian surnames, which follow the root: Тоқаев-тың, Назарбаев-қа.
            if (c == 'е' && i > 0 && IsVowel(char.ToLowerInvariant(stem[i - 1])))
            {
                continue;
            }

            if (c == 'и')
            {
                return null;
            }

            if (Contains(BackVowels, c))
            {
                return true;
            }

            if (Contains(FrontVowels, c))
            {
                return false;
            }
        }

        return null;
    }

    public static bool? HarmonyOfSuffix(string suffix)
    {
        // The instrumental has one vowel for every stem: Иран-мен, Тоқаев-пен.
        if (suffix is "мен" or "бен" or "пен")
        {
            return null;
        }

        foreach (var c in suffix)
        {
            if (c is 'а' or 'ы')
            {
                return true;
            }

            if (c is 'е' or 'і')
            {
                return false;
            }
        }

        return null;
    }

    public static StemEnding EndingOf(ReadOnlySpan<char> stem)
    {
        if (stem.IsEmpty)
        {
            return StemEnding.None;
        }

        var last = char.ToLowerInvariant(stem[^1]);
        if (last is 'ь' or 'ъ' && stem.Length > 1)
        {
            last = char.ToLowerInvariant(stem[^2]);
        }

        return last switch
        {
            // -ы/-і may be the possessive (облысы) or part of the name (Алматы): both readings are offered.
            'ы' or 'і' => StemEnding.Vowel | StemEnding.Possessive,
            'у' or 'и' => StemEnding.Vowel | StemEnding.Sonorant,
            'м' or 'н' or 'ң' => StemEnding.Nasal,
            'л' or 'р' or 'й' => StemEnding.Sonorant,
            'ж' or 'з' => StemEnding.VoicedSibilant,
            _ when IsVowel(last) => StemEnding.Vowel,
            _ when char.IsLetter(last) => StemEnding.Voiceless,
            _ => StemEnding.None,
        };
    }

    private static bool Contains(string set, char c) => set.Contains(c, StringComparison.Ordinal);
}
