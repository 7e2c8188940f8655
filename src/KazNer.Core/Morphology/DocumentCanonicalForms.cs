namespace KazNer.Core.Morphology;

/// <summary>Gives every entity of a document its canonical form, with the document's own words as evidence.</summary>
internal static class DocumentCanonicalForms
{
    public static IReadOnlyList<Entity> Assign(
        CanonicalForms forms, string text, IEnumerable<PreparedSentence> sentences, IReadOnlyList<Entity> entities)
    {
        if (entities.Count == 0)
        {
            return entities;
        }

        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            foreach (var word in sentence.Words)
            {
                words.Add(text[word.Start..word.End]);
            }
        }

        return [.. entities.Select(e => e with { Canonical = forms.Of(e.Type, e.Text, words) })];
    }
}
