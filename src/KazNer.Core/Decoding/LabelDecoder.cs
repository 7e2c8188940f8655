using KazNer.Core.Model;

namespace KazNer.Core.Decoding;

/// <summary>
/// Word labels from word scores. With CRF scores: Viterbi restricted to valid IOB2 paths. Without:
/// the argmax of each word's first piece (the Transformers pipeline's "first" strategy), then an I-X that
/// cannot continue its predecessor becomes B-X, which is how seqeval and conlleval read it anyway.
/// </summary>
internal sealed class LabelDecoder
{
    private readonly LabelSet labels;
    private readonly CrfScores? crf;
    private readonly ForwardBackward? posteriors;

    // [previous + 1, next]: row 0 is the sentence start.
    private readonly bool[,] allowed;

    // Viterbi's inner loop runs labels² times a word, so it walks only the allowed predecessors of each label
    // (two for an I- label) over transition scores laid out [next * labels + previous].
    private readonly int[][] predecessors;
    private readonly float[] transitionsTo;

    public LabelDecoder(LabelSet labels, CrfScores? crf)
    {
        this.labels = labels;
        this.crf = crf;
        this.posteriors = crf is null ? null : new ForwardBackward(labels, crf);
        this.allowed = new bool[labels.Count + 1, labels.Count];
        for (var i = -1; i < labels.Count; i++)
        {
            for (var j = 0; j < labels.Count; j++)
            {
                this.allowed[i + 1, j] = labels.AllowsTransition(i, j);
            }
        }

        var n = labels.Count;
        this.predecessors = [.. Enumerable.Range(0, n).Select(j => Enumerable.Range(0, n).Where(i => this.allowed[i + 1, j]).ToArray())];
        transitionsTo = new float[n * n];
        for (var j = 0; crf is not null && j < n; j++)
        {
            for (var i = 0; i < n; i++)
            {
                transitionsTo[(j * n) + i] = crf.Transitions[i, j];
            }
        }
    }

    public string Kind => this.crf is null ? "first-piece argmax" : "constrained Viterbi";

    /// <summary>
    /// Returns (raw, valid, scores): the decoder's own labels, the IOB2-valid labels entities are read from, and
    /// their probabilities (CRF posteriors with CRF scores, softmaxes without).
    /// </summary>
    public (int[] Raw, int[] Valid, IEntityScores Scores) Decode(WordScores scores)
    {
        if (this.crf is not null)
        {
            var path = Viterbi(scores, this.crf);
            return (path, path, this.posteriors!.Run(scores));
        }

        var raw = new int[scores.Words];
        for (var w = 0; w < raw.Length; w++)
        {
            raw[w] = ArgMax(scores.Row(w));
        }

        return (raw, Repair(raw), new SoftmaxScores(scores));
    }

    internal int[] Repair(int[] labels)
    {
        var valid = (int[])labels.Clone();
        for (var w = 0; w < valid.Length; w++)
        {
            if (!this.allowed[w == 0 ? 0 : valid[w - 1] + 1, valid[w]])
            {
                valid[w] = BeginOf(valid[w]);
            }
        }

        return valid;
    }

    private int BeginOf(int inside)
    {
        for (var i = 0; i < this.labels.Count; i++)
        {
            if (this.labels.Prefixes[i] == 'B' && this.labels.Types[i] == this.labels.Types[inside])
            {
                return i;
            }
        }

        // A label set with I-X but no B-X: keep I-X; the chunk readers still start an entity there.
        return inside;
    }

    private int[] Viterbi(WordScores scores, CrfScores crf)
    {
        var n = scores.Words;
        var l = this.labels.Count;
        var path = new int[n];
        if (n == 0)
        {
            return path;
        }

        var score = new double[l];
        var next = new double[l];
        var back = new int[n * l];
        var first = scores.Row(0);
        for (var j = 0; j < l; j++)
        {
            score[j] = this.allowed[0, j] ? crf.Start[j] + first[j] : double.NegativeInfinity;
        }

        for (var t = 1; t < n; t++)
        {
            var row = scores.Row(t);
            for (var j = 0; j < l; j++)
            {
                var transitions = transitionsTo.AsSpan(j * l, l);
                var best = double.NegativeInfinity;
                var arg = 0;
                foreach (var i in this.predecessors[j])
                {
                    var s = score[i] + transitions[i];
                    if (s > best)
                    {
                        best = s;
                        arg = i;
                    }
                }

                next[j] = best + row[j];
                back[(t * l) + j] = arg;
            }

            (score, next) = (next, score);
        }

        var last = 0;
        for (var j = 1; j < l; j++)
        {
            if (score[j] + crf.End[j] > score[last] + crf.End[last])
            {
                last = j;
            }
        }

        path[n - 1] = last;
        for (var t = n - 1; t > 0; t--)
        {
            path[t - 1] = back[(t * l) + path[t]];
        }

        return path;
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var i = 1; i < row.Length; i++)
        {
            if (row[i] > row[best])
            {
                best = i;
            }
        }

        return best;
    }
}
