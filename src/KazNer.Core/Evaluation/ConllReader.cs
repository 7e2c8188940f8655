using System.Text.RegularExpressions;

namespace KazNer.Core.Evaluation;

/// <summary>
/// Reads CoNLL IOB2 files: one <c>token … LABEL</c> line per token (first column the token, last the label),
/// a blank line between sentences. A KazNERD id line (<c>AID283875 O</c>) heading a sentence is its id.
/// </summary>
public static partial class ConllReader
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
        string? id = null;
        var lineNumber = 0;
        var idLineNumber = 0;
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

            // KazNERD's *_with_ids files head each sentence with its id. Read as a token, it would be scored
            // (the model tags it) and the sentence would no longer match the bundle's training hashes.
            if (tokens.Count == 0 && id is null && columns.Length == 2 && label == "O" && KazNerdId().IsMatch(columns[0]))
            {
                id = columns[0];
                idLineNumber = lineNumber;
                continue;
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
                sentences.Add(new ConllSentence(tokens.ToArray(), labels.ToArray(), id));
                tokens.Clear();
                labels.Clear();
            }
            else if (id is not null)
            {
                throw new ConllFormatException(sourceName, idLineNumber, $"the id line '{id}' heads no sentence.");
            }

            id = null;
        }
    }

    [GeneratedRegex("^[A-Z]ID[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex KazNerdId();
}
