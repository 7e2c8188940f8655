namespace KazNer.Core;

/// <summary>A half-open range of UTF-16 offsets [Start, End) into the original document text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;

    public string Slice(string text) => text[Start..End];
}
