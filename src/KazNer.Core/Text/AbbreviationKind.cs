namespace KazNer.Core.Text;

/// <summary>What a dotted word before whitespace says about the sentence ending there.</summary>
internal enum AbbreviationKind
{
    /// <summary>An ordinary word: the dot ends the sentence.</summary>
    None,

    /// <summary>Qualifies what follows (a name, a number, a date part): the sentence goes on.</summary>
    NeverFinal,

    /// <summary>Often closes a sentence (an enumeration, an amount): it ends only if a capital follows.</summary>
    FinalBeforeCapital,
}
