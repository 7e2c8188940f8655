using System.Globalization;
using System.Text.Json;

namespace KazNer.Stream.Demo;

/// <summary>
/// What the demo and <c>kazner top</c> read from a record of an output topic: a document record
/// (annotated-record.v1, all its entities) or an entity event (entity-event.v1, one entity).
/// </summary>
internal sealed record OutputRecord(string DocumentId, DateTimeOffset ProcessedAt, IReadOnlyList<EntityMention> Entities)
{
    /// <summary>Null for a value that is neither kind of record (another producer's, or not JSON).</summary>
    public static OutputRecord? TryParse(byte[] value)
    {
        try
        {
            using var json = JsonDocument.Parse(value);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("processedAt", out var at))
            {
                return null;
            }

            var processedAt = DateTimeOffset.Parse(at.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            if (root.TryGetProperty("entities", out var entities))
            {
                return new OutputRecord(root.GetProperty("id").GetString()!, processedAt, [.. entities.EnumerateArray().Select(Mention)]);
            }

            return root.TryGetProperty("documentId", out var documentId)
                ? new OutputRecord(documentId.GetString()!, processedAt, [Mention(root)])
                : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static EntityMention Mention(JsonElement entity)
    {
        var text = entity.GetProperty("text").GetString()!;
        var type = entity.GetProperty("type").GetString()!;

        // Records written before canonical forms existed still count, by their text.
        var canonical = entity.TryGetProperty("canonical", out var c) ? c.GetString()! : text;
        var key = entity.TryGetProperty("key", out var k) ? k.GetString()! : $"{type}:{canonical}";
        return new EntityMention(type, text, canonical, key);
    }
}
