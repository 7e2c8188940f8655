using System.Text;

namespace KazNer.Stream.Records;

/// <summary>The bytes are the text; blank text is rejected.</summary>
internal sealed class TextInputFormat : IInputFormat
{
    public ParseOutcome Parse(ReadOnlyMemory<byte> utf8, string fallbackId)
    {
        var text = Encoding.UTF8.GetString(utf8.Span);
        return string.IsNullOrWhiteSpace(text)
            ? ParseOutcome.Fail(DeadLetterReason.BlankText())
            : ParseOutcome.Ok(new InputDocument(fallbackId, text, []));
    }
}
