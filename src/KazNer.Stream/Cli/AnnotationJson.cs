using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using KazNer.Core;

namespace KazNer.Stream.Cli;

internal sealed record SpanJson(int Start, int End);

internal sealed record AnnotationJson(
    string Id,
    IReadOnlyList<SpanJson> Sentences,
    IReadOnlyList<Entity> Entities,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TokenLabel>? Tokens)
{
    public static AnnotationJson From(AnnotatedDocument document) =>
        new(document.Id, [.. document.Sentences.Select(s => new SpanJson(s.Start, s.End))], document.Entities, document.Tokens);
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
