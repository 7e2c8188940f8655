using KazNer.Core.Model;
using KazNer.Core.Morphology;
using KazNer.Core.Text;

namespace KazNer.Core.Decoding;

/// <summary>Turns a prepared document whose sequences have logits into sentences, entities and word labels.</summary>
/// <remarks>Entities scored below <paramref name="minScore"/> are left out (0 keeps them all).</remarks>
internal sealed class EntityAssembler(LabelSet labels, LabelDecoder decoder, float minScore)
{
    // Taken when the engine loads, so that reading the lexicon (about a quarter second) is not the first document's.
    private readonly CanonicalForms canonicalForms = CanonicalForms.Default;

    public AnnotatedDocument Assemble(PreparedDocument document, bool includeTokens)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Document.Text;
        var entities = new List<Entity>();
        var tokens = includeTokens ? new List<TokenLabel>() : null;
        var windowsBySentence = document.Sequences.ToLookup(s => s.Sentence);
        foreach (var sentence in document.Sentences)
        {
            var (raw, valid, probabilities) = decoder.Decode(WordScoresOf(sentence, [.. windowsBySentence[sentence.Index]]));
            AddEntities(text, sentence, probabilities, valid, entities);
            if (tokens is not null)
            {
                for (var w = 0; w < raw.Length; w++)
                {
                    var word = sentence.Words[w];
                    tokens.Add(new TokenLabel(word.Slice(text), word.Start, word.End, labels.Names[raw[w]], probabilities.Word(w, raw[w]), sentence.Index));
                }
            }
        }

        var canonical = DocumentCanonicalForms.Assign(canonicalForms, text, document.Sentences, entities);
        return new AnnotatedDocument(document.Document.Id, [.. document.Sentences.Select(s => s.Span)], canonical, tokens);
    }

    private WordScores WordScoresOf(PreparedSentence sentence, IReadOnlyList<EncodedSequence> windows)
    {
        var width = labels.Count;
        var values = new float[sentence.Words.Count * width];
        for (var w = 0; w < sentence.Words.Count; w++)
        {
            var window = windows[windows.Count == 1 ? 0 : SentenceWindows.Best(windows, w)];
            var logits = window.Logits ?? throw new InvalidOperationException(
                $"sentence {sentence.Index} has a sequence without logits: run Infer first");
            var piece = window.WordStarts[w - window.FirstWord];
            Array.Copy(logits, piece * width, values, w * width, width);
        }

        return new WordScores(values, width);
    }

    private void AddEntities(string text, PreparedSentence sentence, IEntityScores scores, int[] valid, List<Entity> entities)
    {
        var w = 0;
        while (w < valid.Length)
        {
            if (labels.Prefixes[valid[w]] == 'O')
            {
                w++;
                continue;
            }

            var first = w;
            w++;
            while (w < valid.Length && labels.Prefixes[valid[w]] == 'I' && labels.Types[valid[w]] == labels.Types[valid[first]])
            {
                w++;
            }

            var score = scores.Span(first, w - 1, valid[first], w - first > 1 ? valid[first + 1] : InsideOf(valid[first]));
            if (score < minScore)
            {
                continue;
            }

            var type = labels.Types[valid[first]];
            var from = PersonInitials.IsPersonType(type)
                ? PersonInitials.FirstWord(text, sentence.Words, first, k => labels.Prefixes[valid[k]] == 'O')
                : first;
            var start = sentence.Words[from].Start;
            var end = sentence.Words[w - 1].End;
            entities.Add(new Entity(type, text[start..end], start, end, score, sentence.Index));
        }
    }

    private int InsideOf(int begin)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels.Prefixes[i] == 'I' && labels.Types[i] == labels.Types[begin])
            {
                return i;
            }
        }

        // No I- label for this type: nothing can continue the entity, so "no inside after" holds trivially.
        return begin;
    }
}
