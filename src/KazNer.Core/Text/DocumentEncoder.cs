namespace KazNer.Core.Text;

/// <summary>Document text to sentences, words and model sequences: everything before inference.</summary>
internal sealed class DocumentEncoder(XlmRobertaPieceEncoder pieces, int maxSequenceLength)
{
    public PreparedDocument Prepare(NerDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(document.Text, nameof(document));
        var sentences = new List<PreparedSentence>();
        var sequences = new List<EncodedSequence>();
        var text = document.Text;
        foreach (var span in KazakhSentenceSplitter.Split(text))
        {
            AddSentence(text, span, KazNerdWordTokenizer.Tokenize(text, span), sentences, sequences);
        }

        return new PreparedDocument(document, sentences, sequences);
    }

    /// <summary>
    /// A sentence already split into words (gold tokens): the words are joined with single spaces and
    /// encoded exactly as <see cref="Prepare"/> would encode the same words found in running text.
    /// </summary>
    public PreparedDocument PrepareWords(string id, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var text = string.Join(' ', words);
        var spans = new TextSpan[words.Count];
        for (int w = 0, start = 0; w < words.Count; start += words[w].Length + 1, w++)
        {
            spans[w] = new TextSpan(start, start + words[w].Length);
        }

        var sentences = new List<PreparedSentence>();
        var sequences = new List<EncodedSequence>();
        AddSentence(text, new TextSpan(0, text.Length), spans, sentences, sequences);
        return new PreparedDocument(new NerDocument(id, text), sentences, sequences);
    }

    private void AddSentence(string text, TextSpan span, IReadOnlyList<TextSpan> words, List<PreparedSentence> sentences, List<EncodedSequence> sequences)
    {
        if (words.Count == 0)
        {
            return;
        }

        var index = sentences.Count;
        sentences.Add(new PreparedSentence(index, span, words));
        var ids = new List<int>();
        var counts = new List<int>(words.Count);
        foreach (var word in words)
        {
            var added = pieces.EncodeWord(SpelledOutWords.ForModel(text.AsSpan(word.Start, word.Length)), ids);
            if (added == 0)
            {
                // Every word needs a first piece to carry its label.
                ids.Add(XlmRobertaPieceEncoder.UnknownId);
                added = 1;
            }

            counts.Add(added);
        }

        AddWindows(index, ids, counts, sequences);
    }

    private void AddWindows(int sentence, List<int> ids, List<int> counts, List<EncodedSequence> sequences)
    {
        var budget = maxSequenceLength - 2;
        var offsets = new int[counts.Count + 1];
        for (var w = 0; w < counts.Count; w++)
        {
            offsets[w + 1] = offsets[w] + counts[w];
        }

        foreach (var (first, count) in SentenceWindows.Plan(counts, budget))
        {
            var from = offsets[first];
            var length = Math.Min(offsets[first + count] - from, budget);
            var window = new int[length + 2];
            window[0] = XlmRobertaPieceEncoder.BeginId;
            ids.CopyTo(from, window, 1, length);
            window[^1] = XlmRobertaPieceEncoder.EndId;
            var starts = new int[count];
            for (var w = 0; w < count; w++)
            {
                starts[w] = 1 + offsets[first + w] - from;
            }

            sequences.Add(new EncodedSequence(sentence, first, window, starts));
        }
    }
}
