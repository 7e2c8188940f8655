using System.Text;

namespace KazNer.Faults;

/// <summary>
/// Generated hostile input (seeded, so every run sends the same bytes): broken encodings, broken JSON, wrong
/// types, and valid documents of pathological shape. Each message is keyed by its id, so its fate can be counted.
/// </summary>
internal static class HostileCorpus
{
    private static readonly string[] Scripts =
    [
        "Қазақстан", "Astana", "القاهرة", "שלום", "北京市", "दिल्ली", "Москва", "Ελλάδα", "서울", "ქართული", "🇰🇿",
    ];

    private static readonly byte[][] BrokenUtf8 =
    [
        [0x80], [0xBF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
        [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3], [0xFE], [0xFF], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0xFC, 0x84, 0x80, 0x80, 0x80, 0x80], [0xC1, 0xBF], [0xE0, 0x9F, 0xBF],
    ];

    private static readonly string[] WrongTypes = ["1", "-0", "true", "false", "[]", "[\"Абай\"]", "{}", "{\"text\":\"nested\"}", "\"\"", "3.14e2"];

    private static readonly string[] HugeNumbers = ["1e400", "-1e400", "123456789012345678901234567890", "9223372036854775808", "-0.0000000000000000000000001e-400", "1" + new string('0', 5000)];

    private static readonly string[] Emoji = ["😀", "👨‍👩‍👧‍👦", "🏳️‍🌈", "👍🏽", "🇰🇿", "❤️", "🧑🏿‍🚀", "\U0001F9D1\u200D\U0001F4BB", "🫠"];

    private static readonly (string Kind, Func<Random, string, byte[]?> Make)[] Kinds =
    [
        ("ordinary", (r, id) => NewsCorpus.Json(id, Sentence(r))),
        ("invalid-utf8-in-text", (r, id) => Splice(Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"text\":\"{Sentence(r)}\"}}"), Pick(r, BrokenUtf8), r)),
        ("invalid-utf8-raw", (r, id) => [.. Enumerable.Range(0, r.Next(1, 40)).SelectMany(_ => Pick(r, BrokenUtf8))]),
        ("truncated-json", (r, id) => Truncate(NewsCorpus.Json(id, Sentence(r)), r)),
        ("deep-array", (r, id) => Encoding.UTF8.GetBytes(new string('[', r.Next(65, 20_000)))),
        ("deep-object", (r, id) => Deep(id, r.Next(30, 5_000))),
        ("wrong-type-text", (r, id) => Raw($"{{\"id\":\"{id}\",\"text\":{Pick(r, WrongTypes)}}}")),
        ("wrong-type-id", (r, id) => Raw($"{{\"id\":{Pick(r, WrongTypes)},\"text\":\"Астана қаласы\"}}")),
        ("not-an-object", (r, id) => Raw(Pick(r, WrongTypes))),
        ("nulls", (r, id) => Raw(Pick(r, [$"{{\"id\":null,\"text\":null}}", "null", $"{{\"id\":\"{id}\",\"text\":null}}", $"{{\"id\":null,\"text\":\"Алматы\"}}"]))),
        ("tombstone", (r, id) => null),
        ("numbers-out-of-range", (r, id) => Raw($"{{\"id\":{Pick(r, HugeNumbers)},\"text\":\"Нұр-Сұлтан\",\"n\":{Pick(r, HugeNumbers)}}}")),
        ("duplicate-keys", (r, id) => Raw(Pick(r, [$"{{\"id\":\"{id}\",\"text\":\"бір\",\"text\":\"екі\"}}", $"{{\"text\":1,\"text\":\"Абай\",\"id\":\"{id}\",\"id\":\"x\"}}", $"{{\"id\":\"{id}\",\"text\":\"Абай\",\"text\":null}}"]))),
        ("bom", (r, id) => Pick(r, [[.. Encoding.UTF8.Preamble, .. NewsCorpus.Json(id, Sentence(r))], NewsCorpus.Json(id, "\uFEFF" + Sentence(r) + "\uFEFF")])),
        ("control-characters", (r, id) => r.Next(2) == 0 ? NewsCorpus.Json(id, Controls(r) + Sentence(r) + Controls(r)) : Raw($"{{\"id\":\"{id}\",\"text\":\"a\u0000b\u0001\u001f\"}}")),
        ("lone-surrogate-escape", (r, id) => Raw($"{{\"id\":\"{id}\",\"text\":\"{Pick(r, ["\\ud800", "\\udc00x", "ab\\udbff", "\\ud83d\\ud83d"])} Алматы\"}}")),
        ("utf16", (r, id) => Pick(r, [Encoding.Unicode, Encoding.BigEndianUnicode, new UnicodeEncoding(false, true), Encoding.UTF32]) is var e
            ? [.. e.GetPreamble(), .. e.GetBytes($"{{\"id\":\"{id}\",\"text\":\"{Sentence(r)}\"}}")] : null),
        ("emoji-flood", (r, id) => NewsCorpus.Json(id, string.Concat(Enumerable.Range(0, r.Next(100, 5_000)).Select(_ => Pick(r, Emoji))))),
        ("combining-flood", (r, id) => NewsCorpus.Json(id, "Астана" + new string('\u0301', r.Next(100, 20_000)) + " " + new string('\u0489', r.Next(1, 5_000)))),
        ("mixed-scripts", (r, id) => NewsCorpus.Json(id, string.Join(Pick(r, [" ", "", "-", "\u200B"]), Enumerable.Range(0, r.Next(3, 300)).Select(_ => Pick(r, Scripts))))),
        ("right-to-left", (r, id) => NewsCorpus.Json(id, Pick(r, ["\u202Eتوقاев Қасым-Жомарт\u202C", "\u200Fשלום Астана\u200F.", "\u202Bمرحبا بكم في أستانا\u202C. \u2067Алматы\u2069"]))),
        ("whitespace-only", (r, id) => NewsCorpus.Json(id, string.Concat(Enumerable.Range(0, r.Next(1, 2_000)).Select(_ => Pick(r, [" ", "\t", "\n", "\r", "\u00A0", "\u2003", "\u3000", "\u2028", "\u200B", "\uFEFF"]))))),
        ("empty", (r, id) => Pick(r, [Array.Empty<byte>(), Raw("{}"), Raw("\"\""), Raw($"{{\"id\":\"{id}\",\"text\":\"\"}}"), Raw(" ")])),
    ];

    /// <summary>
    /// The corpus: every kind in turn (so a short corpus still has each), plus the few very large documents:
    /// megabyte texts without punctuation (one over and one under the 1 MiB limit) and single 200 KB words.
    /// </summary>
    public static List<FeedMessage> Generate(int count, int seed = 9)
    {
        var random = new Random(seed);
        var messages = new List<FeedMessage>(count)
        {
            // Over the 1 MiB limit (dead-lettered, cut to fit), then under it (annotated: the slow one).
            new("hostile-mb-over", NewsCorpus.Json("hostile-mb-over", Unpunctuated(random, 1_200_000)), "megabyte-text"),
            new("hostile-mb-under", NewsCorpus.Json("hostile-mb-under", Unpunctuated(random, 900_000)), "megabyte-text"),
        };
        for (var i = 0; i < Math.Max(1, count / 5_000); i++)
        {
            messages.Add(new FeedMessage($"hostile-word-{i}", NewsCorpus.Json($"hostile-word-{i}", Word(random, 200_000)), "single-200kb-word"));
        }

        for (var i = messages.Count; i < count; i++)
        {
            var (kind, make) = Kinds[i % Kinds.Length];
            var id = $"hostile-{i:D6}";
            messages.Add(new FeedMessage(id, make(random, id), kind));
        }

        return messages;
    }

    public static IEnumerable<string> KindNames => Kinds.Select(k => k.Kind).Concat(["megabyte-text", "single-200kb-word"]);

    private static string Sentence(Random random) => NewsCorpus.Texts[random.Next(NewsCorpus.Texts.Count)];

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static byte[] Raw(string json) => Encoding.UTF8.GetBytes(json);

    private static byte[] Splice(byte[] json, byte[] insert, Random random)
    {
        // Inside the text value: after `"text":"`.
        var at = Encoding.UTF8.GetString(json).IndexOf("\"text\":\"", StringComparison.Ordinal) + 8;
        var bytePos = Encoding.UTF8.GetByteCount(Encoding.UTF8.GetString(json)[..at]) + random.Next(0, 4);
        return [.. json[..bytePos], .. insert, .. json[bytePos..]];
    }

    private static byte[] Truncate(byte[] json, Random random) => json[..random.Next(0, json.Length - 1)];

    private static byte[] Deep(string id, int depth) =>
        Raw($"{{\"id\":\"{id}\",\"text\":\"Алматы\",\"x\":{string.Concat(Enumerable.Repeat("{\"a\":", depth))}1{new string('}', depth)}}}");

    private static string Controls(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(1, 20)).Select(_ => (char)random.Next(0, 32)));

    private static string Unpunctuated(Random random, int bytes)
    {
        var text = new StringBuilder(bytes);
        var written = 0;
        while (written < bytes)
        {
            var words = new string([.. Sentence(random).Select(c => char.IsPunctuation(c) ? ' ' : c)]) + " ";
            text.Append(words);
            written += Encoding.UTF8.GetByteCount(words);
        }

        return text.ToString();
    }

    private static string Word(Random random, int length)
    {
        const string letters = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";
        return string.Concat(Enumerable.Range(0, length).Select(_ => letters[random.Next(letters.Length)]));
    }
}
