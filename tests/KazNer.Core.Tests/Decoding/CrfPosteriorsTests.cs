using KazNer.Core.Decoding;
using KazNer.Core.Model;

namespace KazNer.Core.Tests.Decoding;

/// <summary>Forward-backward checked against brute force: every IOB2-valid path of a short sentence, scored
/// and normalised one by one.</summary>
public sealed class CrfPosteriorsTests
{
    private static readonly LabelSet Labels = LabelSet.Parse(["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]);

    private static readonly float[][] Rows =
    [
        [0.3f, 2.0f, 1.5f, 0.1f, -1f],
        [1.0f, 0.2f, 1.9f, 0.5f, 0.7f],
        [0.4f, 1.1f, 0.9f, 1.3f, 0.2f],
        [2.2f, -0.5f, 0.8f, 0.6f, 1.4f],
    ];

    private static CrfScores Crf(float temperature = 1f)
    {
        var random = new Random(7);
        var transitions = new float[5, 5];
        for (var i = 0; i < 5; i++)
        {
            for (var j = 0; j < 5; j++)
            {
                transitions[i, j] = (float)(random.NextDouble() * 2 - 1);
            }
        }

        return new CrfScores(transitions, [0.2f, -0.3f, 0.5f, 0.1f, 0.4f], [-0.1f, 0.3f, 0.2f, -0.4f, 0.6f], temperature);
    }

    private static List<(int[] Path, double Probability)> AllPaths(CrfScores crf)
    {
        var paths = new List<(int[], double)>();
        var n = Rows.Length;
        var total = 0.0;
        for (var code = 0; code < (int)Math.Pow(5, n); code++)
        {
            var path = new int[n];
            for (int t = 0, c = code; t < n; t++, c /= 5)
            {
                path[t] = c % 5;
            }

            if (!Enumerable.Range(0, n).All(t => Labels.AllowsTransition(t == 0 ? -1 : path[t - 1], path[t])))
            {
                continue;
            }

            double score = crf.Start[path[0]] + crf.End[path[n - 1]];
            for (var t = 0; t < n; t++)
            {
                score += Rows[t][path[t]] + (t > 0 ? crf.Transitions[path[t - 1], path[t]] : 0);
            }

            paths.Add((path, Math.Exp(score / crf.Temperature)));
            total += Math.Exp(score / crf.Temperature);
        }

        return [.. paths.Select(p => (p.Item1, p.Item2 / total))];
    }

    private static IEntityScores Posteriors(CrfScores crf) =>
        new LabelDecoder(Labels, crf).Decode(new WordScores([.. Rows.SelectMany(r => r)], Labels.Count)).Scores;

    [Theory]
    [InlineData(1f)]
    [InlineData(2.5f)]
    public void Word_IsTheSumOverValidPathsThroughThatLabel(float temperature)
    {
        var crf = Crf(temperature);
        var paths = AllPaths(crf);
        var scores = Posteriors(crf);
        for (var t = 0; t < Rows.Length; t++)
        {
            for (var j = 0; j < Labels.Count; j++)
            {
                var expected = paths.Where(p => p.Path[t] == j).Sum(p => p.Probability);
                Assert.Equal(expected, scores.Word(t, j), 5);
            }
        }
    }

    [Theory]
    [InlineData(0, 0, 1, 2)]
    [InlineData(0, 1, 1, 2)]
    [InlineData(1, 3, 3, 4)]
    [InlineData(3, 3, 3, 4)]
    [InlineData(2, 3, 1, 2)]
    public void Span_IsTheSumOverPathsWithExactlyThatEntity(int first, int last, int begin, int inside)
    {
        var crf = Crf();
        var expected = AllPaths(crf).Where(p =>
                p.Path[first] == begin
                && Enumerable.Range(first + 1, last - first).All(t => p.Path[t] == inside)
                && (last + 1 == Rows.Length || p.Path[last + 1] != inside))
            .Sum(p => p.Probability);

        Assert.Equal(expected, Posteriors(crf).Span(first, last, begin, inside), 5);
    }
}
