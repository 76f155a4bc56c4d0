using System.Buffers;
using System.Text;

namespace Paperwire.Ingest.Snapshot;

/// <summary>
/// One line of a snapshot. <paramref name="TooLong"/>: the line was longer than the reader's cap, and
/// <paramref name="Text"/> is only its first few hundred bytes (enough to tell JSON from binary).
/// </summary>
internal readonly record struct SnapshotLine(string Text, bool TooLong);

/// <summary>
/// Splits a stream into UTF-8 lines, holding at most <c>maxLineBytes</c> of any one line in memory. A longer
/// line is skipped to its end as it streams past: <see cref="StreamReader.ReadLineAsync()"/> would buffer all
/// of it (a 300 MB line took 2.4 GB of memory before it could be rejected).
/// </summary>
internal sealed class SnapshotLineReader(Stream stream, int maxLineBytes)
{
    private const int PrefixBytes = 256;

    // Invalid bytes become U+FFFD, as StreamReader made them: the record is then rejected, not the file.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly byte[] buffer = new byte[1 << 16];
    private readonly ArrayBufferWriter<byte> line = new();
    private int start;
    private int end;
    private bool firstLine = true;

    public async ValueTask<SnapshotLine?> ReadLineAsync(CancellationToken cancellationToken)
    {
        line.ResetWrittenCount();
        byte[]? prefix = null;
        var readAny = false;
        while (true)
        {
            if (start == end)
            {
                start = 0;
                end = await stream.ReadAsync(buffer, cancellationToken);
                if (end == 0)
                {
                    return readAny ? Finish(prefix) : null;
                }
            }

            readAny = true;
            var available = buffer.AsSpan(start, end - start);
            var newline = available.IndexOf((byte)'\n');
            var chunk = newline >= 0 ? available[..newline] : available;
            start += newline >= 0 ? newline + 1 : chunk.Length;
            if (prefix is null && line.WrittenCount + chunk.Length > maxLineBytes)
            {
                var held = line.WrittenSpan[..Math.Min(line.WrittenCount, PrefixBytes)];
                prefix = [.. held, .. chunk[..Math.Min(chunk.Length, PrefixBytes - held.Length)]];
                line.ResetWrittenCount();
            }
            else if (prefix is null)
            {
                line.Write(chunk);
            }

            if (newline >= 0)
            {
                return Finish(prefix);
            }
        }
    }

    private SnapshotLine Finish(byte[]? prefix)
    {
        var wasFirst = firstLine;
        firstLine = false;
        if (prefix is not null)
        {
            // A prefix may end inside a character: decode without flushing so it is left out, not made U+FFFD.
            var chars = new char[PrefixBytes];
            var count = Utf8.GetDecoder().GetChars(prefix, chars, flush: false);
            return new SnapshotLine(StripBom(new string(chars, 0, count), wasFirst), TooLong: true);
        }

        var bytes = line.WrittenSpan;
        if (bytes.EndsWith((byte)'\r'))
        {
            bytes = bytes[..^1];
        }

        return new SnapshotLine(StripBom(Utf8.GetString(bytes), wasFirst), TooLong: false);
    }

    private static string StripBom(string text, bool firstLine) => firstLine ? text.TrimStart('\uFEFF') : text;
}
