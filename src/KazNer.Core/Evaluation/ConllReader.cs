namespace KazNer.Core.Evaluation;

/// <summary>
/// Reads CoNLL IOB2 files: one <c>token … LABEL</c> line per token (first column the token, last the label),
/// a blank line between sentences.
/// </summary>
public static class ConllReader
{
    public static IReadOnlyList<ConllSentence> ReadFile(string path)
    {
        using var reader = File.OpenText(path);
        return Read(reader, Path.GetFileName(path));
    }

    /// <param name="sourceName">Names the input in error messages.</param>
    public static IReadOnlyList<ConllSentence> Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var sentences = new List<ConllSentence>();
        var tokens = new List<string>();
        var labels = new List<string>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var columns = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length == 0)
            {
                Flush();
                continue;
            }

            if (columns.Length == 1)
            {
                throw new ConllFormatException(sourceName, lineNumber, $"expected a token and a label, found '{line}'.");
            }

            var label = columns[^1];
            if (!IobLabel.IsValid(label))
            {
                throw new ConllFormatException(sourceName, lineNumber, $"'{label}' is not an IOB2 label (O, B-TYPE or I-TYPE).");
            }

            tokens.Add(columns[0]);
            labels.Add(label);
        }

        Flush();
        return sentences;

        void Flush()
        {
            if (tokens.Count > 0)
            {
                sentences.Add(new ConllSentence(tokens.ToArray(), labels.ToArray()));
                tokens.Clear();
                labels.Clear();
            }
        }
    }
}
