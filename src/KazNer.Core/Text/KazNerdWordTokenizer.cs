#pragma warning disable CA1822
namespace KazNer.Core.Text;
public sealed class KazNerdWordTokenizer
{
    public IReadOnlyList<TextSpan> Tokenize(string text, TextSpan sentence)
    {
        var list = new List<TextSpan>(); var i = sentence.Start;
        while (i < sentence.End) { if (char.IsWhiteSpace(text[i])) { i++; continue; } var j = i; while (j < sentence.End && !char.IsWhiteSpace(text[j])) j++; list.Add(new TextSpan(i, j)); i = j; }
        return list;
    }
}
