using KazNer.Core.Morphology;

namespace KazNer.Core;

/// <summary>A named entity: offsets into the original document, score = mean probability of its words.</summary>
public sealed record Entity(string Type, string Text, int Start, int End, float Score, int Sentence)
{
    /// <summary>The mention in its base form (<see cref="CanonicalForms"/>); the text itself until one is assigned.</summary>
    public string Canonical { get; init; } = Text;

    /// <summary>Groups every mention of one entity across documents and workers: <c>TYPE:canonical</c>, normalised.</summary>
    public string Key => EntityKey.Of(Type, Canonical);
}
