using System.Diagnostics;
using System.Globalization;
using KazNer.Core;
using KazNer.Core.Evaluation;
using KazNer.Core.Inference;

// Throughput of the engine on the KazNERD validation text: the model alone (pre-tokenized, length-sorted
// batches straight into the session) against the whole annotate path (split, tokenize, encode, batch,
// infer, assemble). Rounds alternate so a noisy neighbour hits both sides alike; medians are printed.
// Usage: kazner-bench [--model DIR] [--data IOB2_valid.txt] [--rounds N] [--threads N]
var arguments = args.Select((a, i) => (a, i)).ToDictionary(p => p.a, p => p.i);
string Arg(string name, string fallback) => arguments.TryGetValue(name, out var i) && i + 1 < args.Length ? args[i + 1] : fallback;

var root = FindRoot();
var modelPath = Arg("--model", Path.Combine(root, "models", "kazner-base"));
var dataPath = Arg("--data", Path.Combine(root, "data", "kaznerd", "IOB2_valid.txt"));
var rounds = int.Parse(Arg("--rounds", "3"), CultureInfo.InvariantCulture);
var threads = int.Parse(Arg("--threads", "0"), CultureInfo.InvariantCulture);

var sentences = ConllReader.ReadFile(dataPath).Select(s => string.Join(' ', s.Tokens)).ToList();
// Documents of 8 sentences, written as running text, as news arrives.
var documents = sentences.Chunk(8)
    .Select((chunk, i) => new NerDocument(i.ToString(CultureInfo.InvariantCulture), string.Join(' ', chunk)))
    .ToList();
using var engine = NerEngine.Load(new NerEngineOptions { Path = modelPath, Device = Device.Cpu, IntraOpThreads = threads });
var policy = new BatchPolicy();
var prepared = documents.Select(engine.Prepare).ToList();
var sequences = prepared.SelectMany(d => d.Sequences).ToList();
var batches = BatchPlanner.Plan(sequences, policy);
var tokens = sequences.Sum(s => s.Length);
var padded = batches.Sum(b => (long)b.Count * b.Max(s => s.Length));
Console.WriteLine($"model {engine.Model.Name} {engine.Model.Version} on {engine.Model.Device}; {sentences.Count} sentences, {documents.Count} documents, " +
    $"{sequences.Count} sequences, {tokens} tokens, {batches.Count} batches, padding {1 - ((double)tokens / padded):P1}");

double TimeRaw()
{
    var clock = Stopwatch.StartNew();
    foreach (var batch in batches)
    {
        engine.Infer(batch);
    }

    return clock.Elapsed.TotalSeconds;
}

double TimeAnnotate()
{
    var clock = Stopwatch.StartNew();
    // The same chunking as `kazner annotate`.
    foreach (var chunk in documents.Chunk(NerEngine.StreamingChunkSize))
    {
        engine.Annotate(chunk);
    }

    return clock.Elapsed.TotalSeconds;
}

TimeRaw();
TimeAnnotate();
var raw = new List<double>();
var annotate = new List<double>();
for (var r = 0; r < rounds; r++)
{
    raw.Add(TimeRaw());
    annotate.Add(TimeAnnotate());
}

// Where the end-to-end overhead goes: the CPU stages around inference, each over the whole text.
var prepareClock = Stopwatch.StartNew();
var preparedAgain = documents.Select(engine.Prepare).ToList();
var prepareSeconds = prepareClock.Elapsed.TotalSeconds;
var planClock = Stopwatch.StartNew();
BatchPlanner.Plan(preparedAgain.SelectMany(d => d.Sequences), policy);
var planSeconds = planClock.Elapsed.TotalSeconds;
var assembleClock = Stopwatch.StartNew();
foreach (var document in prepared)
{
    engine.Assemble(document);
}

var assembleSeconds = assembleClock.Elapsed.TotalSeconds;
Console.WriteLine($"stages      : prepare {prepareSeconds:F2} s, plan {planSeconds:F2} s, assemble {assembleSeconds:F2} s");

var rawSeconds = Median(raw);
var annotateSeconds = Median(annotate);
Console.WriteLine($"raw model   : {sentences.Count / rawSeconds,9:F0} sentences/s {tokens / rawSeconds,10:F0} tokens/s ({rawSeconds:F2} s, median of {rounds})");
Console.WriteLine($"end to end  : {sentences.Count / annotateSeconds,9:F0} sentences/s {tokens / annotateSeconds,10:F0} tokens/s ({annotateSeconds:F2} s, median of {rounds})");
Console.WriteLine($"end-to-end / raw = {rawSeconds / annotateSeconds:P1} (target >= 90%)");

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static string FindRoot()
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
