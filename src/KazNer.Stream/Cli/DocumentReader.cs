using System.Globalization;
using KazNer.Core;
using KazNer.Stream.Configuration;
using KazNer.Stream.Records;

namespace KazNer.Stream.Cli;

/// <summary>
/// Turns the lines of an input into documents with the worker's rules (<see cref="InputRecordParser"/>): blank
/// lines separate nothing and are skipped; every other line is a document or a <see cref="RejectedLine"/>.
/// </summary>
internal static class DocumentReader
{
    /// <param name="format">The lines' format; null detects it from the first non-blank line (<see cref="InputFormats.Detect"/>).</param>
    public static IEnumerable<NerDocument> Read(
        IEnumerable<InputLine> lines, InputFormat? format, int maxDocumentBytes, string source, Action<RejectedLine> reject)
    {
        InputRecordParser? parser = format is { } known ? new InputRecordParser(known, maxDocumentBytes) : null;
        foreach (var line in lines)
        {
            if (line.IsBlank)
            {
                continue;
            }

            parser ??= new InputRecordParser(InputFormats.Detect(line.Bytes), maxDocumentBytes);
            var outcome = parser.Parse(line.Bytes, line.Size, line.Offset, () => line.Number.ToString(CultureInfo.InvariantCulture));
            if (outcome.Document is { } document)
            {
                yield return new NerDocument(document.Id, document.Text);
            }
            else
            {
                reject(new RejectedLine(source, line, outcome.Failure!));
            }
        }
    }
}
