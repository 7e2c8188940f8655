namespace KazNer.Core.Text;

/// <summary>
/// Cuts a sentence's words into runs whose pieces fit the model. Consecutive runs overlap by about a
/// quarter of the budget so every word is seen with context on both sides by at least one run.
/// </summary>
internal static class SentenceWindows
{
    /// <summary>Returns (first word, word count) per window; <paramref name="pieceCounts"/> holds each word's pieces.</summary>
    public static IReadOnlyList<(int First, int Count)> Plan(IReadOnlyList<int> pieceCounts, int budget)
    {
        var words = pieceCounts.Count;
        var windows = new List<(int, int)>();
        var overlap = budget / 4;
        var start = 0;
        while (start < words)
        {
            var end = start;
            var used = 0;
            while (end < words && used + pieceCounts[end] <= budget)
            {
                used += pieceCounts[end++];
            }

            // A single word longer than the whole budget still gets a window: its first pieces carry its label.
            end = Math.Max(end, start + 1);
            windows.Add((start, end - start));
            if (end == words)
            {
                break;
            }

            var next = end;
            var back = 0;
            while (next - 1 > start + 1 && back + pieceCounts[next - 1] <= overlap)
            {
                back += pieceCounts[--next];
            }

            start = next;
        }

        return windows;
    }

    /// <summary>The window in which <paramref name="word"/> sits farthest from an edge: its best-informed view.</summary>
    public static int Best(IReadOnlyList<EncodedSequence> windows, int word)
    {
        var best = -1;
        var bestMargin = -1;
        for (var i = 0; i < windows.Count; i++)
        {
            var w = windows[i];
            var last = w.FirstWord + w.WordStarts.Count - 1;
            if (word < w.FirstWord || word > last)
            {
                continue;
            }

            var margin = Math.Min(word - w.FirstWord, last - word);
            if (margin > bestMargin)
            {
                best = i;
                bestMargin = margin;
            }
        }

        return best;
    }
}
