using System.Text.Json;
using KazNer.Stream.Records;

namespace KazNer.Stream.Cli;

/// <summary>
/// --dead-letters FILE: every bad line becomes a JSON line there with the worker's error code, stage and detail,
/// and its bytes in base64 (which keeps invalid UTF-8 intact), so nothing is lost and the rest is annotated.
/// </summary>
internal sealed class DeadLetterFile(FileInfo file, TextWriter errors) : IRejectionHandler
{
    private readonly FileStream stream = file.Create();

    public int Count { get; private set; }

    public void Reject(RejectedLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        Count++;
        using (var json = new Utf8JsonWriter(stream, AnnotationJson.WriterOptions))
        {
            WriteLine(json, line);
        }

        stream.WriteByte((byte)'\n');
    }

    public void Dispose()
    {
        stream.Dispose();
        if (Count > 0)
        {
            errors.WriteLine($"kazner: {Count} rejected line(s) written to {file.FullName}");
        }
    }

    private static void WriteLine(Utf8JsonWriter json, RejectedLine line)
    {
        json.WriteStartObject();
        json.WriteString("source", $"{line.Source}:{line.Line.Number}");
        json.WriteNumber("byteOffset", line.Line.Offset);
        json.WriteString("error", line.Reason.Error);
        json.WriteString("stage", line.Reason.Stage);
        json.WriteString("detail", line.Reason.Detail);
        if (line.Line.Size == line.Line.Bytes.Length)
        {
            json.WriteBase64String("value", line.Line.Bytes.Span);
        }

        json.WriteEndObject();
    }
}
