namespace KazNer.Core.Morphology;

/// <summary>
/// The base form of a mention: its last word without the case, possessive-plus-case or relative suffix
/// ("Астанадағы" → "Астана", "Қарағанды облысындағы" → "Қарағанды облысы", "Тоқаевтың" → "Тоқаев"), keeping the
/// name's own possessive ("облысы", "Штаттары") and a name that merely ends like a suffix ("Канада", "Уганда").
/// A suffix comes off when the evidence says the rest is a word: a known name, the bare form elsewhere in the same
/// document, or the remaining stem inflected elsewhere in the word list. Without evidence only suffixes that
/// names rarely end in come off. Thread-safe.
/// </summary>
public sealed class CanonicalForms(KazakhLexicon lexicon)
{
    /// <summary>The shipped lexicon.</summary>
    public static CanonicalForms Default { get; } = new(KazakhLexicon.Default);

    /// <summary>The base form of <paramref name="text"/>, a mention of <paramref name="type"/> (a KazNERD class).</summary>
    /// <param name="documentWords">The words of the mention's document: a bare form there is evidence for a stem.</param>
    public string Of(string type, string text, IReadOnlySet<string>? documentWords = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(text);
        var policy = EntityTypePolicy.Of(type);
        var wordStart = text.LastIndexOfAny([' ', '\u00A0', '\t', '\n']) + 1;
        var lastWord = text[wordStart..];
        if (policy == StrippingPolicy.None || lastWord.Any(char.IsDigit))
        {
            return text;
        }

        var hyphen = lastWord.LastIndexOf('-');
        if (hyphen > 0 && IsAcronym(lastWord.AsSpan(0, hyphen)) && CaseSuffixes.IsSuffix(lastWord[(hyphen + 1)..]))
        {
            // Acronyms take their suffix after a hyphen: АҚШ-тың, БҰҰ-ның, ҚР-да.
            return text[..(wordStart + hyphen)];
        }

        // In a hyphenated name only the last part inflects: Қасым-Жомарттың.
        var partStart = wordStart + hyphen + 1;
        var word = text[partStart..];
        var stem = BaseOf(CyrillicLookalikes.ToCyrillic(word), policy, documentWords ?? EmptyWords);

        // The look-alikes map one to one, so the stem's length cuts the word as it was written.
        return stem.Length == word.Length ? text : text[..(partStart + stem.Length)];
    }

    private static readonly HashSet<string> EmptyWords = [];

    // Words whose ending only looks like a case: the approximation "шақты" (about: "20 шақты").
    private static readonly HashSet<string> LookLikeInflected = new(["шақты"], StringComparer.OrdinalIgnoreCase);

    private string BaseOf(string word, StrippingPolicy policy, IReadOnlySet<string> documentWords)
    {
        if (word.Length < 3 || !char.IsLetter(word[^1]) || IsAcronym(word) || LookLikeInflected.Contains(word) || IsWhole(word))
        {
            return word;
        }

        var lower = word.ToLowerInvariant();
        Candidate? best = null;
        Candidate? fallback = null;
        foreach (var suffix in CaseSuffixes.LongestFirst)
        {
            if (!lower.EndsWith(suffix.Text, StringComparison.Ordinal))
            {
                continue;
            }

            var stem = word[..^suffix.Text.Length];
            if (stem.Length < 2 || !KazakhLetters.HasVowel(stem) || !CaseSuffixes.Assimilates(stem, suffix))
            {
                continue;
            }

            var evidence = EvidenceFor(stem, suffix, word, documentWords);

            // Loanwords bend vowel harmony (банк-тің, Лафарж-ды): a stem attested as its own word may disagree.
            if (!CaseSuffixes.Harmonises(stem, suffix) && evidence < Evidence.Strong)
            {
                continue;
            }

            var candidate = new Candidate(stem, suffix, evidence);
            if (candidate.Evidence > Evidence.None)
            {
                best = candidate.IsBetterThan(best) ? candidate : best;
            }
            else if (fallback is null && policy == StrippingPolicy.Full && IsSafeWithoutEvidence(stem, suffix))
            {
                fallback = candidate;
            }
        }

        if (best is not null)
        {
            return best.Stem;
        }

        // A word the list knows, whose stem it does not, is more likely a name that ends like a suffix.
        return fallback is not null && !lexicon.IsWordForm(word) ? fallback.Stem : word;
    }

    /// <summary>Whether the word is a base form already: a known name, or a word the list has seen inflected.</summary>
    private bool IsWhole(string word) => lexicon.IsName(word) || InflectedElsewhere(word, except: null);

    private Evidence EvidenceFor(string stem, CaseSuffix suffix, string word, IReadOnlySet<string> documentWords)
    {
        if (suffix.NeedsPossessive && !HasPossessiveRoot(stem))
        {
            return Evidence.None;
        }

        if (lexicon.IsName(stem) || documentWords.Contains(stem) || InflectedElsewhere(stem, except: word))
        {
            return Evidence.Strong;
        }

        return lexicon.IsWordForm(stem) ? Evidence.Weak : Evidence.None;
    }

    /// <summary>Whether the list holds the stem with a genitive, dative, locative or ablative other than <paramref name="except"/>.</summary>
    private bool InflectedElsewhere(string stem, string? except)
    {
        ReadOnlySpan<GrammaticalCase> cases =
            [GrammaticalCase.Genitive, GrammaticalCase.Dative, GrammaticalCase.Locative, GrammaticalCase.Ablative];
        // A stem in -ын/-ін plus -да reads as possessive plus -нда (академиясын-да = академиясы-нда): no evidence.
        var endsLikeAccusative = stem.Length > 2 && stem[^1] == 'н' && stem[^2] is 'ы' or 'і';
        foreach (var grammaticalCase in cases)
        {
            if (endsLikeAccusative && grammaticalCase == GrammaticalCase.Locative)
            {
                continue;
            }

            foreach (var suffix in CaseSuffixes.Fitting(stem, grammaticalCase))
            {
                var form = string.Concat(stem, suffix.Text);
                if (!form.Equals(except, StringComparison.OrdinalIgnoreCase) && lexicon.IsWordForm(form))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>облысы ← облыс, министрлігі ← министрлік, Штаттары ← Штаттар: the word without its possessive is a word.</summary>
    private bool HasPossessiveRoot(string stem)
    {
        if (lexicon.IsName(stem))
        {
            return true;
        }

        var lower = stem.ToLowerInvariant();
        var cut = lower.EndsWith("сы", StringComparison.Ordinal) || lower.EndsWith("сі", StringComparison.Ordinal) ? 2 : 1;
        if (stem.Length - cut < 2)
        {
            return false;
        }

        var root = stem[..^cut];
        if (lexicon.IsWordForm(root) || lexicon.IsWordForm(root.ToLowerInvariant()))
        {
            return true;
        }

        // A final voiceless consonant is voiced before the possessive's vowel: министрлік → министрлігі, кітап → кітабы.
        var devoiced = root[^1] switch { 'г' => 'к', 'ғ' => 'қ', 'б' => 'п', _ => '\0' };
        if (devoiced == '\0')
        {
            return false;
        }

        var unvoiced = string.Concat(root.AsSpan(0, root.Length - 1), [devoiced]);
        return lexicon.IsWordForm(unvoiced) || lexicon.IsWordForm(unvoiced.ToLowerInvariant());
    }

    /// <summary>
    /// Without evidence, a stem loses only a suffix that names seldom end in: genitive, dative, ablative,
    /// instrumental, relative; the short locative and accusative only after a surname or a -стан country.
    /// </summary>
    private static bool IsSafeWithoutEvidence(string stem, CaseSuffix suffix)
    {
        if (stem.Length < 3 || suffix.NeedsPossessive)
        {
            return false;
        }

        return suffix.Case is not (GrammaticalCase.Locative or GrammaticalCase.Accusative) || HasNameEnding(stem);
    }

    private static bool HasNameEnding(string stem)
    {
        ReadOnlySpan<string> endings = ["ов", "ев", "ёв", "ин", "стан", "ова", "ева", "ина"];
        foreach (var ending in endings)
        {
            if (stem.EndsWith(ending, StringComparison.OrdinalIgnoreCase) && stem.Length > ending.Length + 1)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAcronym(ReadOnlySpan<char> word)
    {
        var letters = 0;
        foreach (var c in word)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            letters += char.IsLetter(c) ? 1 : 0;
        }

        return letters >= 2;
    }
}
