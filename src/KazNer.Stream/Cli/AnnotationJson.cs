using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using KazNer.Core;
using KazNer.Stream.Records;

namespace KazNer.Stream.Cli;

internal sealed record SpanJson(int Start, int End);

internal sealed record EntityJson(string Type, string Text, string Canonical, string Key, int Start, int End, double Score, int Sentence);

internal sealed record TokenJson(string Text, int Start, int End, string Label, double Score, int Sentence);

internal sealed record AnnotationJson(
    string Id,
    IReadOnlyList<SpanJson> Sentences,
    IReadOnlyList<EntityJson> Entities,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TokenJson>? Tokens)
{
    public static AnnotationJson From(AnnotatedDocument document) => new(
        document.Id,
        [.. document.Sentences.Select(s => new SpanJson(s.Start, s.End))],
        [.. document.Entities.Select(e => new EntityJson(e.Type, e.Text, e.Canonical, e.Key, e.Start, e.End, ScoreRounding.Round(e.Score), e.Sentence))],
        document.Tokens?.Select(t => new TokenJson(t.Text, t.Start, t.End, t.Label, ScoreRounding.Round(t.Score), t.Sentence)).ToList());
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AnnotationJson))]
internal sealed partial class AnnotationJsonContext : JsonSerializerContext
{
    /// <summary>Kazakh text stays readable in the output instead of becoming \u escapes.</summary>
    public static AnnotationJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
