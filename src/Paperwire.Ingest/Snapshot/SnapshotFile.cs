using System.IO.Compression;
using System.Runtime.CompilerServices;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.Snapshot;

/// <summary>
/// Streams an arXiv snapshot file (JSON lines, plain or gzip) one record at a time: memory stays flat
/// however large the file, or any one line of it. <see cref="Position"/> and <see cref="Length"/> (bytes on
/// disk) drive progress.
/// </summary>
public sealed class SnapshotFile : IDisposable
{
    /// <summary>
    /// A line longer than this (in bytes, after decompression) is no metadata record: it is rejected as
    /// "record longer than 1 MiB" without being held in memory, and reading goes on at the next line.
    /// The longest record of the real snapshot (a collaboration paper with thousands of authors) is a few
    /// hundred KB; the mapper's own limits (20,000-character abstract, 5,000 authors) fit well inside.
    /// </summary>
    public const int MaxRecordBytes = 1024 * 1024;

    private readonly Stream file;
    private readonly Stream content;
    private readonly string describe;
    private readonly int maxRecordBytes;

    private SnapshotFile(string describe, Stream file, Stream content, int maxRecordBytes)
    {
        this.describe = describe;
        this.file = file;
        this.content = content;
        this.maxRecordBytes = maxRecordBytes;
    }

    public long Length => file.Length;

    public long Position => file.Position;

    /// <summary>Opens <paramref name="path"/>, failing with a clear message when it cannot be a snapshot.</summary>
    public static SnapshotFile Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"{path}: no such file.");
        }

        return Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), path);
    }

    /// <summary>Reads a snapshot from a seekable <paramref name="stream"/> (which it then owns); <paramref name="describe"/> names it in messages.</summary>
    internal static SnapshotFile Open(Stream stream, string describe, int maxRecordBytes = MaxRecordBytes)
    {
        var gzip = stream.Length >= 2 && stream.ReadByte() == 0x1f && stream.ReadByte() == 0x8b;
        stream.Position = 0;
        Stream content = gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        return new SnapshotFile(describe, stream, content, maxRecordBytes);
    }

    public async IAsyncEnumerable<ParsedRecord> ReadAsync(SnapshotFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new SnapshotLineReader(content, maxRecordBytes);
        long lineNumber = 0;
        var sawRecord = false;
        while (await ReadLineAsync(reader, cancellationToken) is { } line)
        {
            lineNumber++;
            if (!line.TooLong && string.IsNullOrWhiteSpace(line.Text))
            {
                continue;
            }

            if (!sawRecord)
            {
                // The first line decides whether this is a snapshot at all; a binary file is fatal, not 10 million rejects.
                EnsureLooksLikeJsonLines(line.Text);
                sawRecord = true;
            }

            if (line.TooLong)
            {
                yield return ParsedRecord.Reject($"line {lineNumber}", $"record longer than {DescribeSize(maxRecordBytes)}");
                continue;
            }

            var parsed = SnapshotParser.Parse(line.Text, lineNumber);
            yield return parsed.Paper is { } paper && !filter.Includes(paper) ? ParsedRecord.Skip() : parsed;
        }
    }

    public void Dispose()
    {
        content.Dispose();
        file.Dispose();
    }

    private void EnsureLooksLikeJsonLines(string firstLine)
    {
        if (!firstLine.TrimStart().StartsWith('{') || firstLine.Contains('\0', StringComparison.Ordinal) || firstLine.Contains('\uFFFD', StringComparison.Ordinal))
        {
            throw new InvalidInputException($"{describe} does not look like an arXiv JSON-lines snapshot: its first line is not a JSON object.");
        }
    }

    private static string DescribeSize(int bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes:N0} bytes";

    private static async Task<SnapshotLine?> ReadLineAsync(SnapshotLineReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidInputException($"The compressed snapshot is corrupt: {error.Message}");
        }
    }
}
