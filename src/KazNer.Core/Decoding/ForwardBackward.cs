using KazNer.Core.Model;

namespace KazNer.Core.Decoding;

/// <summary>
/// The CRF's forward-backward pass over valid IOB2 paths, in probability space with each word's forward
/// row normalised to sum 1 (so no logarithms in the inner loop and no underflow): what Viterbi's path is
/// worth, label by label and entity by entity, as posterior probabilities rather than emission softmaxes.
/// </summary>
internal sealed class ForwardBackward
{
    private readonly int _labels;
    private readonly int[][] _predecessors;

    // exp of the CRF scores; transitions [previous * labels + next], zero where IOB2 forbids the step.
    private readonly double[] _transitions;
    private readonly double[] _start;
    private readonly double[] _end;
    private readonly double _temperature;

    public ForwardBackward(LabelSet labels, CrfScores crf)
    {
        var n = labels.Count;
        _labels = n;
        _temperature = crf.Temperature;
        _predecessors = [.. Enumerable.Range(0, n).Select(j => Enumerable.Range(0, n).Where(i => labels.AllowsTransition(i, j)).ToArray())];
        _transitions = new double[n * n];
        _start = new double[n];
        _end = new double[n];
        for (var j = 0; j < n; j++)
        {
            _start[j] = labels.AllowsTransition(-1, j) ? Math.Exp(crf.Start[j] / _temperature) : 0;
            _end[j] = Math.Exp(crf.End[j] / _temperature);
            foreach (var i in _predecessors[j])
            {
                _transitions[(i * n) + j] = Math.Exp(crf.Transitions[i, j] / _temperature);
            }
        }
    }

    public CrfPosteriors Run(WordScores scores)
    {
        var n = scores.Words;
        var l = _labels;
        var emissions = Exponentiate(scores);
        var alpha = new double[n * l];
        var beta = new double[n * l];
        var norms = new double[n];
        for (var t = 0; t < n; t++)
        {
            for (var j = 0; j < l; j++)
            {
                var into = t == 0 ? _start[j] : 0;
                for (var k = 0; t > 0 && k < _predecessors[j].Length; k++)
                {
                    var i = _predecessors[j][k];
                    into += alpha[((t - 1) * l) + i] * _transitions[(i * l) + j];
                }

                alpha[(t * l) + j] = into * emissions[(t * l) + j];
            }

            norms[t] = Normalise(alpha.AsSpan(t * l, l));
        }

        var last = n == 0 ? 1 : Dot(alpha.AsSpan((n - 1) * l, l), _end);
        for (var t = n - 1; t >= 0; t--)
        {
            for (var i = 0; i < l; i++)
            {
                beta[(t * l) + i] = t == n - 1 ? _end[i] / last : 0;
            }

            if (t == n - 1)
            {
                continue;
            }

            for (var j = 0; j < l; j++)
            {
                var from = emissions[((t + 1) * l) + j] * beta[((t + 1) * l) + j] / norms[t + 1];
                foreach (var i in _predecessors[j])
                {
                    beta[(t * l) + i] += _transitions[(i * l) + j] * from;
                }
            }
        }

        return new CrfPosteriors(this, emissions, alpha, beta, norms, last);
    }

    /// <summary>The probability of exactly this entity: begin at first, inside up to last, and no inside after.</summary>
    internal double Span(CrfPosteriors p, int first, int last, int begin, int inside)
    {
        var l = _labels;
        var value = p.Alpha[(first * l) + begin];
        for (var (t, previous) = (first + 1, begin); t <= last; (t, previous) = (t + 1, inside))
        {
            value *= _transitions[(previous * l) + inside] * p.Emissions[(t * l) + inside] / p.Norms[t];
        }

        var final = last == first ? begin : inside;
        if (last == p.Norms.Length - 1)
        {
            return value * _end[final] / p.Last;
        }

        var after = 0.0;
        for (var j = 0; j < l; j++)
        {
            if (j != inside)
            {
                after += _transitions[(final * l) + j] * p.Emissions[((last + 1) * l) + j] * p.Beta[((last + 1) * l) + j];
            }
        }

        return value * after / p.Norms[last + 1];
    }

    private double[] Exponentiate(WordScores scores)
    {
        var values = new double[scores.Words * _labels];
        for (var t = 0; t < scores.Words; t++)
        {
            // Shifting a word's row by its maximum changes every path by the same factor, so nothing at all.
            var row = scores.Row(t);
            var max = float.NegativeInfinity;
            foreach (var v in row)
            {
                max = Math.Max(max, v);
            }

            for (var j = 0; j < _labels; j++)
            {
                values[(t * _labels) + j] = Math.Exp((row[j] - max) / _temperature);
            }
        }

        return values;
    }

    private static double Normalise(Span<double> row)
    {
        var sum = 0.0;
        foreach (var v in row)
        {
            sum += v;
        }

        foreach (ref var v in row)
        {
            v /= sum;
        }

        return sum;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
