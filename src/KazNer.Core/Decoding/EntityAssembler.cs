using KazNer.Core.Model;
using KazNer.Core.Morphology;
using KazNer.Core.Text;

namespace KazNer.Core.Decoding;

/// <summary>Turns a prepared document whose sequences have logits into sentences, entities and word labels.</summary>
internal sealed class EntityAssembler(LabelSet labels, LabelDecoder decoder)
{
    // Taken when the engine loads, so that reading the lexicon (about a quarter second) is not the first document's.
    private readonly CanonicalForms _canonicalForms = CanonicalForms.Default;

    public AnnotatedDocument Assemble(PreparedDocument document, bool includeTokens)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Document.Text;
        var entities = new List<Entity>();
        var tokens = includeTokens ? new List<TokenLabel>() : null;
        var windowsBySentence = document.Sequences.ToLookup(s => s.Sentence);
        foreach (var sentence in document.Sentences)
        {
            var scores = WordScoresOf(sentence, [.. windowsBySentence[sentence.Index]]);
            var (raw, valid) = decoder.Decode(scores);
            AddEntities(text, sentence, scores, valid, entities);
            if (tokens is not null)
            {
                for (var w = 0; w < raw.Length; w++)
                {
                    var word = sentence.Words[w];
                    tokens.Add(new TokenLabel(word.Slice(text), word.Start, word.End, labels.Names[raw[w]], scores.Probability(w, raw[w]), sentence.Index));
                }
            }
        }

        var canonical = DocumentCanonicalForms.Assign(_canonicalForms, text, document.Sentences, entities);
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

    private void AddEntities(string text, PreparedSentence sentence, WordScores scores, int[] valid, List<Entity> entities)
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
            var sum = scores.Probability(w, valid[w]);
            w++;
            while (w < valid.Length && labels.Prefixes[valid[w]] == 'I' && labels.Types[valid[w]] == labels.Types[valid[first]])
            {
                sum += scores.Probability(w, valid[w]);
                w++;
            }

            var start = sentence.Words[first].Start;
            var end = sentence.Words[w - 1].End;
            entities.Add(new Entity(labels.Types[valid[first]], text[start..end], start, end, sum / (w - first), sentence.Index));
        }
    }
}
