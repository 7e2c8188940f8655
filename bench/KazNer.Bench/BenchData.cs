using System.Globalization;
using KazNer.Core;
using KazNer.Core.Evaluation;
using KazNer.Core.Inference;

namespace KazNer.Bench;

/// <summary>The benchmark text: KazNERD validation sentences as documents of 8 sentences of running text, as news arrives.</summary>
internal static class BenchData
{
    public static string Root { get; } = FindRoot();

    public static IReadOnlyList<NerDocument> Documents(BenchArguments arguments)
    {
        var path = arguments.Text("--data", Path.Combine(Root, "data", "kaznerd", "IOB2_valid.txt"));
        var corpus = ConllReader.ReadFile(path).Select(s => string.Join(' ', s.Tokens)).ToList();
        var limit = arguments.Int("--limit", corpus.Count);

        // Past the corpus the text repeats (new document ids), so a backlog can run long enough that start-up
        // and the last partially filled batches stop mattering.
        var sentences = Enumerable.Range(0, limit).Select(i => corpus[i % corpus.Count]);
        return [.. sentences.Chunk(8).Select((chunk, i) => new NerDocument(i.ToString(CultureInfo.InvariantCulture), string.Join(' ', chunk)))];
    }

    public static NerEngineOptions EngineOptions(BenchArguments arguments) => new()
    {
        Path = arguments.Text("--model", Path.Combine(Root, "models", "kazner-base")),
        Device = Enum.Parse<Device>(arguments.Text("--device", "Cpu"), ignoreCase: true),
        IntraOpThreads = arguments.Int("--threads", 0),
        InterOpThreads = arguments.Int("--inter-op", 0),
        ConcurrentRuns = arguments.Int("--concurrent", 0),
        MaxBatchTokens = arguments.Int("--batch-tokens", 8192),
        MaxBatchSequences = arguments.Int("--batch-sequences", 64),
        MaxBatchPadding = arguments.Number("--batch-padding", 0.10),
    };

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KazNer.Stream.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
