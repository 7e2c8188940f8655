namespace KazNer.Core.Text;

/// <summary>Document text to sentences, words and model sequences: everything before inference.</summary>
internal sealed class DocumentEncoder(
    KazakhSentenceSplitter splitter,
    KazNerdWordTokenizer tokenizer,
    XlmRobertaPieceEncoder pieces,
    int maxSequenceLength)
{
    public PreparedDocument Prepare(NerDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(document.Text, nameof(document));
        var sentences = new List<PreparedSentence>();
        var sequences = new List<EncodedSequence>();
        var text = document.Text;
        var ids = new List<int>();
        var counts = new List<int>();
        foreach (var span in splitter.Split(text))
        {
            var words = tokenizer.Tokenize(text, span);
            if (words.Count == 0)
            {
                continue;
            }

            var index = sentences.Count;
            sentences.Add(new PreparedSentence(index, span, words));
            ids.Clear();
            counts.Clear();
            foreach (var word in words)
            {
                var added = pieces.EncodeWord(text.AsSpan(word.Start, word.Length), ids);
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

        return new PreparedDocument(document, sentences, sequences);
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
