namespace KazNer.Core.Morphology;

/// <summary>One way to read a word as stem plus case suffix, and how well the stem is attested.</summary>
internal sealed record Candidate(string Stem, CaseSuffix Suffix, Evidence Evidence)
{
    /// <summary>
    /// Stronger evidence first; then the reading that keeps the name's possessive (облысы + нда over облысын + да,
    /// where both stems are words); then the longest stem, which strips least.
    /// </summary>
    public bool IsBetterThan(Candidate? other)
    {
        if (other is null)
        {
            return true;
        }

        if (Evidence != other.Evidence)
        {
            return Evidence > other.Evidence;
        }

        if (Suffix.NeedsPossessive != other.Suffix.NeedsPossessive)
        {
            return Suffix.NeedsPossessive;
        }

        return Stem.Length > other.Stem.Length;
    }
}
