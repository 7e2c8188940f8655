namespace KazNer.Core.Decoding;

/// <summary>One sentence's forward-backward result: normalised forward rows, matching backward rows and the
/// per-word normalisers, so that alpha × beta is a word's label posterior.</summary>
internal sealed class CrfPosteriors(ForwardBackward lattice, double[] emissions, double[] alpha, double[] beta, double[] norms, double last)
    : IEntityScores
{
    internal double[] Emissions => emissions;

    internal double[] Alpha => alpha;

    internal double[] Beta => beta;

    internal double[] Norms => norms;

    internal double Last => last;

    private int Labels => alpha.Length / norms.Length;

    public float Word(int word, int label) =>
        (float)Math.Clamp(alpha[(word * Labels) + label] * beta[(word * Labels) + label], 0, 1);

    public float Span(int first, int last, int begin, int inside) =>
        (float)Math.Clamp(lattice.Span(this, first, last, begin, inside), 0, 1);
}
