namespace KazNer.Core.Morphology;

/// <summary>
/// The written forms of the Kazakh case suffixes, each with the stem endings it follows (consonant assimilation);
/// its vowel must agree with the stem's (vowel harmony).
/// </summary>
internal static class CaseSuffixes
{
    private const StemEnding Voiced = StemEnding.Vowel | StemEnding.Nasal | StemEnding.Sonorant | StemEnding.VoicedSibilant;

    /// <summary>Longest first, so that -ндағы is tried before -дағы and -да.</summary>
    public static IReadOnlyList<CaseSuffix> All { get; } =
    [
        .. Pair("ның", "нің", GrammaticalCase.Genitive, StemEnding.Vowel | StemEnding.Nasal | StemEnding.Possessive),
        .. Pair("дың", "дің", GrammaticalCase.Genitive, StemEnding.Sonorant | StemEnding.VoicedSibilant),
        .. Pair("тың", "тің", GrammaticalCase.Genitive, StemEnding.Voiceless),
        .. Pair("ға", "ге", GrammaticalCase.Dative, Voiced),
        .. Pair("қа", "ке", GrammaticalCase.Dative, StemEnding.Voiceless),
        .. Pair("на", "не", GrammaticalCase.Dative, StemEnding.Possessive),
        .. Pair("ны", "ні", GrammaticalCase.Accusative, StemEnding.Vowel),
        .. Pair("ды", "ді", GrammaticalCase.Accusative, StemEnding.Nasal | StemEnding.Sonorant | StemEnding.VoicedSibilant),
        .. Pair("ты", "ті", GrammaticalCase.Accusative, StemEnding.Voiceless),
        new CaseSuffix("н", GrammaticalCase.Accusative, StemEnding.Possessive),
        .. Pair("да", "де", GrammaticalCase.Locative, Voiced),
        .. Pair("та", "те", GrammaticalCase.Locative, StemEnding.Voiceless),
        .. Pair("нда", "нде", GrammaticalCase.Locative, StemEnding.Possessive),
        .. Pair("дан", "ден", GrammaticalCase.Ablative, StemEnding.Vowel | StemEnding.Sonorant | StemEnding.VoicedSibilant),
        .. Pair("нан", "нен", GrammaticalCase.Ablative, StemEnding.Nasal | StemEnding.Possessive),
        .. Pair("тан", "тен", GrammaticalCase.Ablative, StemEnding.Voiceless),
        new CaseSuffix("мен", GrammaticalCase.Instrumental, StemEnding.Vowel | StemEnding.Nasal | StemEnding.Sonorant | StemEnding.Possessive),
        new CaseSuffix("бен", GrammaticalCase.Instrumental, StemEnding.VoicedSibilant),
        new CaseSuffix("пен", GrammaticalCase.Instrumental, StemEnding.Voiceless),
        .. Pair("дағы", "дегі", GrammaticalCase.Relative, Voiced),
        .. Pair("тағы", "тегі", GrammaticalCase.Relative, StemEnding.Voiceless),
        .. Pair("ндағы", "ндегі", GrammaticalCase.Relative, StemEnding.Possessive),
        .. Pair("ныкы", "нікі", GrammaticalCase.Possessor, StemEnding.Vowel | StemEnding.Nasal | StemEnding.Possessive),
        .. Pair("дыкы", "дікі", GrammaticalCase.Possessor, StemEnding.Sonorant | StemEnding.VoicedSibilant),
        .. Pair("тыкы", "тікі", GrammaticalCase.Possessor, StemEnding.Voiceless),
    ];

    /// <summary>Suffixes in the order to try them on a word: longest first.</summary>
    public static IReadOnlyList<CaseSuffix> LongestFirst { get; } = [.. All.OrderByDescending(s => s.Text.Length)];

    /// <summary>Whether <paramref name="text"/> is one of the written forms (for a suffix hyphenated to an acronym: АҚШ-тың).</summary>
    public static bool IsSuffix(string text) => All.Any(s => s.Text.Equals(text, StringComparison.Ordinal));

    /// <summary>The suffixes of <paramref name="grammaticalCase"/> that fit <paramref name="stem"/> by assimilation and harmony.</summary>
    public static IEnumerable<CaseSuffix> Fitting(string stem, GrammaticalCase grammaticalCase) =>
        All.Where(s => s.Case == grammaticalCase && Fits(stem, s));

    public static bool Fits(ReadOnlySpan<char> stem, CaseSuffix suffix) => Assimilates(stem, suffix) && Harmonises(stem, suffix);

    /// <summary>The suffix's first consonant is the one the stem's last sound calls for.</summary>
    public static bool Assimilates(ReadOnlySpan<char> stem, CaseSuffix suffix) => (KazakhLetters.EndingOf(stem) & suffix.Follows) != 0;

    /// <summary>The suffix's vowel agrees with the stem's last decisive vowel.</summary>
    public static bool Harmonises(ReadOnlySpan<char> stem, CaseSuffix suffix)
    {
        var stemHarmony = KazakhLetters.HarmonyOfStem(stem);
        return stemHarmony is null || suffix.IsBack is null || stemHarmony == suffix.IsBack;
    }

    private static CaseSuffix[] Pair(string back, string front, GrammaticalCase grammaticalCase, StemEnding follows) =>
        [new(back, grammaticalCase, follows), new(front, grammaticalCase, follows)];
}
