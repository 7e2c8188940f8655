namespace KazNer.Core.Morphology;

/// <summary>The inflections that <see cref="CanonicalForms"/> removes from the last word of a mention.</summary>
public enum GrammaticalCase
{
    Genitive,
    Dative,
    Accusative,
    Locative,
    Ablative,
    Instrumental,

    /// <summary>The locative plus -ғы/-гі: "Астанадағы" (the one in Astana).</summary>
    Relative,

    /// <summary>The genitive plus -кі/-кы: "Мәлібековтікі" (Mälibekov's).</summary>
    Possessor,
}
