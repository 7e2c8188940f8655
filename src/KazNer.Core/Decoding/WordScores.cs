namespace KazNer.Core.Decoding;

/// <summary>The logits of each word's first piece, [words, labels] row-major: what decoding reads.</summary>
internal sealed class WordScores(float[] values, int labels)
{
    public int Labels { get; } = labels;

    public int Words => values.Length / Labels;

    public ReadOnlySpan<float> Row(int word) => values.AsSpan(word * Labels, Labels);

    /// <summary>Softmax probability of one label of a word.</summary>
    public float Probability(int word, int label)
    {
        var row = Row(word);
        var max = float.NegativeInfinity;
        foreach (var v in row)
        {
            max = Math.Max(max, v);
        }

        var sum = 0.0;
        foreach (var v in row)
        {
            sum += Math.Exp(v - max);
        }

        return (float)(Math.Exp(row[label] - max) / sum);
    }
}
