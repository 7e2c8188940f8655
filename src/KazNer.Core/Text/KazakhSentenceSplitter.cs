#pragma warning disable CA1822
namespace KazNer.Core.Text;
public sealed class KazakhSentenceSplitter
{
    public IReadOnlyList<TextSpan> Split(string text)
    {
        var s = 0; var e = text.Length;
        while (s < e && char.IsWhiteSpace(text[s])) s++;
        while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
        return e > s ? [new TextSpan(s, e)] : [];
    }
}
