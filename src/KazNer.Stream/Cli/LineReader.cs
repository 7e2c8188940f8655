using System.Buffers;

namespace KazNer.Stream.Cli;

/// <summary>
/// Splits an input into lines of raw bytes, so invalid UTF-8 is reported where it is instead of being replaced,
/// and a line longer than the limit is measured without being held in memory.
/// </summary>
internal static class LineReader
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    public static IEnumerable<InputLine> Read(System.IO.Stream input, int limit)
    {
        var keep = limit + 1;
        var line = new ArrayBufferWriter<byte>();
        var buffer = new byte[64 * 1024];
        long position = 0, lineStart = 0, size = 0;
        var number = 0;
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            if (position == 0 && buffer.AsSpan(0, read).StartsWith(ByteOrderMark))
            {
                start = ByteOrderMark.Length;
                lineStart = start;
            }

            while (start < read)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                var end = newline < 0 ? read : newline;
                var room = keep - line.WrittenCount;
                if (room > 0)
                {
                    line.Write(buffer.AsSpan(start, Math.Min(room, end - start)));
                }

                size += end - start;
                if (newline < 0)
                {
                    break;
                }

                yield return Complete(++number, lineStart, size, line);
                lineStart = position + newline + 1;
                size = 0;
                line.ResetWrittenCount();
                start = newline + 1;
            }

            position += read;
        }

        if (size > 0)
        {
            yield return Complete(++number, lineStart, size, line);
        }
    }

    private static InputLine Complete(int number, long offset, long size, ArrayBufferWriter<byte> line)
    {
        var bytes = line.WrittenMemory;
        if (size == bytes.Length && bytes.Span is [.., (byte)'\r'])
        {
            bytes = bytes[..^1];
            size--;
        }

        return new InputLine(number, offset, size, bytes.ToArray());
    }
}
