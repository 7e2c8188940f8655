using System.Text;
using System.Text.Json;
using KazNer.Core.Text;

namespace KazNer.Faults;

/// <summary>Ordinary input: one or two sentences of the shipped sample news per document, each with its own id.</summary>
internal static class NewsCorpus
{
    private static readonly Lazy<string[]> Sentences = new(Load);

    public static IReadOnlyList<string> Texts => Sentences.Value;

    public static List<FeedMessage> Documents(string prefix, int count, Func<int, string, string>? edit = null)
    {
        var sentences = Sentences.Value;
        var documents = new List<FeedMessage>(count);
        for (var i = 0; i < count; i++)
        {
            var text = sentences[i % sentences.Length] + (i % 3 == 0 ? " " + sentences[(i * 7 + 3) % sentences.Length] : "");
            text = edit?.Invoke(i, text) ?? text;
            var id = $"{prefix}-{i:D6}";
            documents.Add(new FeedMessage(id, Json(id, text), "news"));
        }

        return documents;
    }

    public static byte[] Json(string id, string text) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["id"] = id, ["text"] = text });

    private static string[] Load()
    {
        var sentences = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "samples", "news.jsonl"), Encoding.UTF8))
        {
            using var json = JsonDocument.Parse(line);
            var text = json.RootElement.GetProperty("text").GetString()!;
            sentences.AddRange(KazakhSentenceSplitter.Split(text).Select(s => s.Slice(text)));
        }

        return [.. sentences];
    }
}
