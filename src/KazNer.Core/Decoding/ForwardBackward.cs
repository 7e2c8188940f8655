using System.Numerics.Tensors;
using KazNer.Core.Model;

namespace KazNer.Core.Decoding;

/// <summary>
/// The CRF's forward-backward pass over valid IOB2 paths, in probability space with each word's forward
/// row normalised to sum 1 (so no logarithms in the inner loop and no underflow): what Viterbi's path is
/// worth, label by label and entity by entity, as posterior probabilities rather than emission softmaxes.
/// </summary>
internal sealed class ForwardBackward
{
    private readonly int labels;

    // exp of the CRF scores; transitions [previous * labels + next], zero where IOB2 forbids the step.
    private readonly double[] transitions;
    private readonly double[] start;
    private readonly double[] end;
    private readonly double temperature;

    public ForwardBackward(LabelSet labels, CrfScores crf)
    {
        var n = labels.Count;
        this.labels = n;
        temperature = crf.Temperature;
        this.transitions = new double[n * n];
        start = new double[n];
        end = new double[n];
        for (var j = 0; j < n; j++)
        {
            start[j] = labels.AllowsTransition(-1, j) ? Math.Exp(crf.Start[j] / temperature) : 0;
            end[j] = Math.Exp(crf.End[j] / temperature);
            for (var i = 0; i < n; i++)
            {
                this.transitions[(i * n) + j] = labels.AllowsTransition(i, j) ? Math.Exp(crf.Transitions[i, j] / temperature) : 0;
            }
        }
    }

    public CrfPosteriors Run(WordScores scores)
    {
        var n = scores.Words;
        var l = this.labels;
        var emissions = Exponentiate(scores);
        var alpha = new double[n * l];
        var beta = new double[n * l];
        var norms = new double[n];

        // Dense vector operations over all labels (forbidden steps are zeros): vectorised, they cost less than
        // walking each label's allowed predecessors one by one, and decoding is per-sentence CPU work that
        // the worker pays beside the model.
        for (var t = 0; t < n; t++)
        {
            var row = alpha.AsSpan(t * l, l);
            if (t == 0)
            {
                start.CopyTo(row);
            }
            else
            {
                // Row t is the sum of the transition rows, each weighted by the previous word's forward value.
                ReadOnlySpan<double> previous = alpha.AsSpan((t - 1) * l, l);
                for (var i = 0; i < l; i++)
                {
                    TensorPrimitives.MultiplyAdd(this.transitions.AsSpan(i * l, l), previous[i], row, row);
                }
            }

            TensorPrimitives.Multiply(row, emissions.AsSpan(t * l, l), row);
            norms[t] = Normalise(row);
        }

        var last = n == 0 ? 1 : TensorPrimitives.Dot(alpha.AsSpan((n - 1) * l, l), end);
        if (n > 0)
        {
            TensorPrimitives.Divide(end, last, beta.AsSpan((n - 1) * l, l));
        }

        Span<double> from = stackalloc double[l];
        for (var t = n - 2; t >= 0; t--)
        {
            TensorPrimitives.Multiply(emissions.AsSpan((t + 1) * l, l), beta.AsSpan((t + 1) * l, l), from);
            TensorPrimitives.Divide(from, norms[t + 1], from);
            var row = beta.AsSpan(t * l, l);
            for (var i = 0; i < l; i++)
            {
                row[i] = TensorPrimitives.Dot(this.transitions.AsSpan(i * l, l), from);
            }
        }

        return new CrfPosteriors(this, emissions, alpha, beta, norms, last);
    }

    /// <summary>The probability of exactly this entity: begin at first, inside up to last, and no inside after.</summary>
    internal double Span(CrfPosteriors p, int first, int last, int begin, int inside)
    {
        var l = this.labels;
        var value = p.Alpha[(first * l) + begin];
        for (var (t, previous) = (first + 1, begin); t <= last; (t, previous) = (t + 1, inside))
        {
            value *= this.transitions[(previous * l) + inside] * p.Emissions[(t * l) + inside] / p.Norms[t];
        }

        var final = last == first ? begin : inside;
        if (last == p.Norms.Length - 1)
        {
            return value * end[final] / p.Last;
        }

        var after = 0.0;
        for (var j = 0; j < l; j++)
        {
            if (j != inside)
            {
                after += this.transitions[(final * l) + j] * p.Emissions[((last + 1) * l) + j] * p.Beta[((last + 1) * l) + j];
            }
        }

        return value * after / p.Norms[last + 1];
    }

    private double[] Exponentiate(WordScores scores)
    {
        var values = new double[scores.Words * this.labels];
        for (var t = 0; t < scores.Words; t++)
        {
            // Shifting a word's row by its maximum changes every path by the same factor, so nothing at all.
            var row = scores.Row(t);
            var max = float.NegativeInfinity;
            foreach (var v in row)
            {
                max = Math.Max(max, v);
            }

            var shifted = values.AsSpan(t * this.labels, this.labels);
            for (var j = 0; j < this.labels; j++)
            {
                shifted[j] = (row[j] - max) / temperature;
            }

            TensorPrimitives.Exp(shifted, shifted);
        }

        return values;
    }

    private static double Normalise(Span<double> row)
    {
        var sum = TensorPrimitives.Sum<double>(row);
        TensorPrimitives.Divide(row, sum, row);
        return sum;
    }
}
