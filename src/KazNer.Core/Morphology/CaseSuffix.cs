namespace KazNer.Core.Morphology;

/// <summary>One written form of a case suffix and the stem endings it follows.</summary>
internal sealed record CaseSuffix(string Text, GrammaticalCase Case, StemEnding Follows)
{
    /// <summary>Whether the suffix's vowel is a back vowel (а, ы); null for a suffix without a harmonising vowel (-н).</summary>
    public bool? IsBack { get; } = KazakhLetters.HarmonyOfSuffix(Text);

    /// <summary>Follows only the possessive (-н, -на, -нда, -ндағы): the stem must carry the name's own possessive.</summary>
    public bool NeedsPossessive => Follows == StemEnding.Possessive;
}
