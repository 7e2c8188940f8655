using System.IO.Compression;
using System.Text;

namespace KazNer.Core.Morphology;

/// <summary>
/// A large word list held as one UTF-8 buffer of byte-sorted lines, searched by halving: a few MB instead of the
/// tens of MB that a hash set of 437,000 strings would take in every worker.
/// </summary>
internal sealed class WordFormList
{
    private readonly byte[] bytes;
    private readonly int[] starts;

    private WordFormList(byte[] bytes, int[] starts)
    {
        this.bytes = bytes;
        this.starts = starts;
    }

    public int Count => this.starts.Length - 1;

    /// <summary>Reads gzip-compressed lines that are sorted by their UTF-8 bytes (<c>LC_ALL=C sort -u</c>).</summary>
    public static WordFormList ReadGzip(Stream compressed)
    {
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var starts = new List<int>(bytes.Length / 16) { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        if (starts[^1] != bytes.Length)
        {
            starts.Add(bytes.Length + 1);
        }

        var list = new WordFormList(bytes, [.. starts]);
        list.EnsureSorted();
        return list;
    }

    public bool Contains(ReadOnlySpan<char> word)
    {
        Span<byte> key = stackalloc byte[Encoding.UTF8.GetMaxByteCount(word.Length)];
        key = key[..Encoding.UTF8.GetBytes(word, key)];
        var (low, high) = (0, Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = Line(middle).SequenceCompareTo(key);
            if (order == 0)
            {
                return true;
            }

            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }

        return false;
    }

    private ReadOnlySpan<byte> Line(int index) => this.bytes.AsSpan(this.starts[index], this.starts[index + 1] - this.starts[index] - 1);

    private void EnsureSorted()
    {
        for (var i = 1; i < Count; i++)
        {
            if (Line(i - 1).SequenceCompareTo(Line(i)) >= 0)
            {
                throw new InvalidDataException($"word list line {i + 1} is out of byte order: sort it with LC_ALL=C sort -u");
            }
        }
    }
}
