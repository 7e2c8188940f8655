namespace KazNer.Core.Tests;

/// <summary>Sentences longer than the model's limit: run the shipped model with a tiny limit and compare.</summary>
public sealed class WindowingTests : IDisposable
{
    private readonly TempModelCopy model = new();

    [Fact]
    public void Annotate_SentenceOverTheLimit_EveryWordLabelledAndMostlyAsWithoutWindows()
    {
        var sentence = string.Join(' ', RepoPaths.ValidationSentences().Take(12).SelectMany(tokens => tokens).Where(t => t != "."));
        using var small = NerEngine.Load(new NerEngineOptions { Path = CopyWithLimit(24), Device = Core.Inference.Device.Cpu });
        var document = new NerDocument("long", sentence);

        var prepared = small.Prepare(document);
        var windowed = small.Annotate([document], includeTokens: true, TestContext.Current.CancellationToken)[0];
        var full = SharedEngine.Instance.Annotate([document], includeTokens: true, TestContext.Current.CancellationToken)[0];

        Assert.True(prepared.Sequences.Count > 5, $"expected many windows, got {prepared.Sequences.Count}");
        Assert.All(prepared.Sequences, s => Assert.True(s.Length <= 24));
        Assert.Equal(full.Tokens!.Select(t => (t.Start, t.End)), windowed.Tokens!.Select(t => (t.Start, t.End)));
        var agreement = full.Tokens!.Zip(windowed.Tokens!).Count(p => p.First.Label == p.Second.Label) / (double)full.Tokens!.Count;
        Assert.True(agreement > 0.9, $"windowed labels agree with unwindowed on {agreement:P1} of words");
        Assert.All(windowed.Entities, e => Assert.Equal(sentence[e.Start..e.End], e.Text));
    }

    public void Dispose() => this.model.Dispose();

    private string CopyWithLimit(int positions)
    {
        this.model.EditConfig(json => json["max_position_embeddings"] = positions);
        return this.model.Path;
    }
}
