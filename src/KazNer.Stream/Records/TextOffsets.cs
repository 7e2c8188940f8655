using KazNer.Stream.Configuration;

namespace KazNer.Stream.Records;

/// <summary>
/// Converts the engine's UTF-16 offsets into the unit a consumer asked for. Code points differ from UTF-16 code
/// units only after a surrogate pair (emoji, rare CJK), so a text without one maps to itself.
/// </summary>
internal sealed class TextOffsets
{
    /// <summary>For each UTF-16 index, how many low surrogates come before it; null when there are none.</summary>
    private readonly int[]? lowSurrogatesBefore;

    private TextOffsets(OffsetUnit unit, int[]? lowSurrogatesBefore)
    {
        Unit = unit;
        this.lowSurrogatesBefore = lowSurrogatesBefore;
    }

    /// <summary>The unit the mapped offsets count in (records name it when it is not UTF-16).</summary>
    public OffsetUnit Unit { get; }

    public static TextOffsets For(string text, OffsetUnit unit)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (unit == OffsetUnit.Utf16 || !text.AsSpan().ContainsAnyInRange('\uDC00', '\uDFFF'))
        {
            return new TextOffsets(unit, null);
        }

        var before = new int[text.Length + 1];
        for (var i = 0; i < text.Length; i++)
        {
            before[i + 1] = before[i] + (char.IsLowSurrogate(text[i]) ? 1 : 0);
        }

        return new TextOffsets(unit, before);
    }

    public int Map(int utf16Offset) => lowSurrogatesBefore is null ? utf16Offset : utf16Offset - lowSurrogatesBefore[utf16Offset];
}
