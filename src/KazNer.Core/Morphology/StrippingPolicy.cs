namespace KazNer.Core.Morphology;

/// <summary>How far <see cref="CanonicalForms"/> goes for an entity type.</summary>
internal enum StrippingPolicy
{
    /// <summary>Proverbs, contacts: the mention stays as written.</summary>
    None,

    /// <summary>Numbers, money, dates: only a unit or month word loses a suffix, and only on evidence.</summary>
    EvidenceOnly,

    /// <summary>Names: evidence first, and suffixes that names seldom end in without it.</summary>
    Full,
}
