using System.Text;
using System.Text.Json;
using Json.Schema;

namespace KazNer.Stream.Tests.Support;

/// <summary>The schemas under schemas/, evaluated by JsonSchema.Net (draft 2020-12, formats asserted).</summary>
internal static class SchemaFiles
{
    public const string AnnotatedRecord = "annotated-record.v1.schema.json";
    public const string EntityEvent = "entity-event.v1.schema.json";

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    // Each file is built once: a schema's $id may be registered only once.
    private static readonly Dictionary<string, Lazy<JsonSchema>> Schemas = new(StringComparer.Ordinal)
    {
        [AnnotatedRecord] = new(() => Build(AnnotatedRecord)),
        [EntityEvent] = new(() => Build(EntityEvent)),
    };

    public static string PathOf(string schemaFile) => Path.Combine(AppContext.BaseDirectory, "schemas", schemaFile);

    /// <summary>Every violation of schemas/<paramref name="schemaFile"/>, as "instance location: message".</summary>
    public static IReadOnlyList<string> Errors(string schemaFile, JsonElement instance)
    {
        var results = Schemas[schemaFile].Value.Evaluate(instance, Evaluation);
        return results.IsValid
            ? []
            : [.. (results.Details ?? []).Prepend(results).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))];
    }

    /// <summary>Parses <paramref name="value"/> and asserts it validates against schemas/<paramref name="schemaFile"/>.</summary>
    public static JsonDocument AssertValid(string schemaFile, byte[] value)
    {
        var document = JsonDocument.Parse(value);
        var errors = Errors(schemaFile, document.RootElement);
        Assert.True(errors.Count == 0, $"{string.Join("; ", errors)} in {Encoding.UTF8.GetString(value)}");
        return document;
    }

    private static JsonSchema Build(string schemaFile) =>
        JsonSchema.FromFile(PathOf(schemaFile), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
}
