using System.Collections.Frozen;

namespace KazNer.Core.Text;

/// <summary>
/// Kazakh news abbreviations whose dot is not a full stop. Only dotted forms matter: an acronym or a
/// dotless abbreviation (ҚР, АҚШ, млн) cannot be taken for a sentence end, and when it is followed by a dot the
/// dot does end the sentence. Entries are stored without the final dot and compared case-insensitively,
/// because a sentence may begin with one (Проф. Ахметов).
/// </summary>
internal static class SentenceAbbreviations
{
    /// <summary>Parts of a date, a place or a title: followed by a number or a proper name, never the last word.</summary>
    private static readonly FrozenSet<string> NeverFinal = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        // Dates: 2024 ж., 1990–2000 жж., XX ғ., б.з.б. V ғ.
        "ж", "жж", "ғ", "ғғ", "б.з.б", "б.з.д", "б.з",
        // Addresses: Абай к., Сәтпаев көш., Алматы обл., Алматы қ., Ақсу ауд., Абай даң.
        "к", "көш", "обл", "қ", "ауд", "даң",
        // Titles and references before a name or a number: проф. Ахметов, т. 2, мыс. Астана
        "проф", "акад", "доц", "др", "ген", "т", "мыс", "бет");

    /// <summary>
    /// Ends an enumeration or an amount, so often the last word of a sentence, yet also followed by lowercase or
    /// digits mid-sentence (т.б. елдер, 5 млн. теңге, 12 жел. 2024). Month abbreviations are here rather than
    /// in <see cref="NeverFinal"/> because several are also common words (қар "snow", жел "wind", қаз "goose").
    /// </summary>
    private static readonly FrozenSet<string> FinalBeforeCapital = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        // Enumerations: тағы басқа, тағы сол сияқты, тағы тағылар
        "т.б", "т.с.с", "т.т",
        // Amounts and times
        "млн", "млрд", "трлн", "мың", "сағ", "мин",
        // Months: қаңтар … желтоқсан
        "қаң", "ақп", "нау", "сәу", "мам", "мау", "шіл", "там", "қыр", "қаз", "қар", "жел");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NeverFinalLookup =
        NeverFinal.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FinalBeforeCapitalLookup =
        FinalBeforeCapital.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <param name="word">The letters and inner dots before the final dot, e.g. <c>т.б</c> or <c>Ж.Ж</c>.</param>
    public static AbbreviationKind Classify(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
        {
            return AbbreviationKind.None;
        }

        if (FinalBeforeCapitalLookup.Contains(word))
        {
            return AbbreviationKind.FinalBeforeCapital;
        }

        return NeverFinalLookup.Contains(word) || IsInitials(word) ? AbbreviationKind.NeverFinal : AbbreviationKind.None;
    }

    /// <summary>Capital letters between dots: А. Байтұрсынұлы, Ж.Ж. Ахметов, U.S. News.</summary>
    private static bool IsInitials(ReadOnlySpan<char> word)
    {
        foreach (var part in word.Split('.'))
        {
            var letters = word[part];
            if (letters.Length != 1 || !char.IsUpper(letters[0]))
            {
                return false;
            }
        }

        return true;
    }
}
