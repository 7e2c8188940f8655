using System.Security.Cryptography;
using System.Text;

namespace KazNer.Core.Evaluation;

/// <summary>
/// The hashes of a model's training sentences, as its export writes them beside model.onnx, so that scores on
/// a file the model was trained on can be flagged: such scores say nothing about text the model has not seen.
/// </summary>
public sealed class TrainingOverlap
{
    /// <summary>One hash a line: the first 16 hex digits of SHA-256 over the sentence's tokens joined by single spaces.</summary>
    public const string FileName = "training-sentences.sha256";

    private readonly HashSet<string> hashes;

    private TrainingOverlap(HashSet<string> hashes) => this.hashes = hashes;

    public int TrainingSentences => this.hashes.Count;

    /// <summary>The bundle's training hashes, or null when the bundle does not carry them.</summary>
    public static TrainingOverlap? Load(string bundleDirectory)
    {
        var path = Path.Combine(bundleDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var hashes = File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0);
        return new TrainingOverlap(new HashSet<string>(hashes, StringComparer.Ordinal));
    }

    public static string Hash(IReadOnlyList<string> tokens) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(' ', tokens))))[..16];

    /// <summary>How many of the sentences the model was trained on.</summary>
    public int Count(IEnumerable<IReadOnlyList<string>> sentences) => sentences.Count(s => this.hashes.Contains(Hash(s)));
}
