using System.Text;
using System.Text.Json;

namespace KazNer.Stream.Tests.Integration;

/// <summary>The shipped samples/news.jsonl, as inputs keyed by id.</summary>
internal static class Samples
{
    public static IReadOnlyList<(string Id, string Text, byte[] Value)> News { get; } =
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "samples", "news.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(json => (json.GetProperty("id").GetString()!, json.GetProperty("text").GetString()!, Encoding.UTF8.GetBytes(json.GetRawText())))];

    /// <summary>The i-th sample under a fresh id, so a test can produce more documents than there are samples.</summary>
    public static (string Id, string Text, byte[] Value) Numbered(int i)
    {
        var (_, text, _) = News[i % News.Count];
        var id = $"doc-{i:D4}";
        return (id, text, JsonSerializer.SerializeToUtf8Bytes(new { id, text }));
    }
}
