using System.Text.Json;
using KazNer.Core;
using KazNer.Stream.Configuration;
using KazNer.Stream.Records;

namespace KazNer.Stream.Cli;

/// <summary>--format jsonl: one line per document, with the members (and rules) of the worker's record.</summary>
internal sealed class JsonLinesWriter(System.IO.Stream output, OffsetUnit offsetUnit) : IAnnotationWriter
{
    public void Write(NerDocument input, AnnotatedDocument annotated)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(annotated);
        var offsets = TextOffsets.For(input.Text, offsetUnit);
        using (var json = new Utf8JsonWriter(output, AnnotationJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("id", annotated.Id);
            if (offsetUnit == OffsetUnit.CodePoint)
            {
                json.WriteString("offsetUnit", AnnotationJson.CodePointUnit);
            }

            AnnotationJson.WriteSentences(json, annotated.Sentences, offsets);
            AnnotationJson.WriteEntities(json, annotated.Entities, offsets);
            if (annotated.Tokens is { } tokens)
            {
                AnnotationJson.WriteTokens(json, tokens, offsets);
            }

            json.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    }

    public void Dispose() => output.Flush();
}
