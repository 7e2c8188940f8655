namespace KazNer.Core.Decoding;

/// <summary>Scores of a model without CRF scores: each word's softmax, and an entity's mean over its words.</summary>
internal sealed class SoftmaxScores(WordScores scores) : IEntityScores
{
    public float Word(int word, int label) => scores.Probability(word, label);

    public float Span(int first, int last, int begin, int inside)
    {
        var sum = scores.Probability(first, begin);
        for (var w = first + 1; w <= last; w++)
        {
            sum += scores.Probability(w, inside);
        }

        return sum / (last - first + 1);
    }
}
