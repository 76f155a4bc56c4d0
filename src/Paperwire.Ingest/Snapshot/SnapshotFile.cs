using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.Snapshot;

/// <summary>
/// Streams an arXiv snapshot file (JSON lines, plain or gzip) one record at a time: memory stays flat
/// however large the file. <see cref="Position"/> and <see cref="Length"/> (bytes on disk) drive progress.
/// </summary>
public sealed class SnapshotFile : IDisposable
{
    /// <summary>A line longer than this is not a metadata record; it is rejected without being parsed.</summary>
    public const int MaxLineLength = 4 * 1024 * 1024;

    private readonly FileStream file;
    private readonly Stream content;
    private readonly string path;

    private SnapshotFile(string path, FileStream file, Stream content)
    {
        this.path = path;
        this.file = file;
        this.content = content;
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

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var gzip = file.Length >= 2 && file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        Stream content = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        var snapshot = new SnapshotFile(path, file, content);
        return snapshot;
    }

    public async IAsyncEnumerable<ParsedRecord> ReadAsync(SnapshotFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        long lineNumber = 0;
        var sawRecord = false;
        while (await ReadLineAsync(reader, cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!sawRecord)
            {
                // The first line decides whether this is a snapshot at all; a binary file is fatal, not 10 million rejects.
                EnsureLooksLikeJsonLines(line);
                sawRecord = true;
            }

            if (line.Length > MaxLineLength)
            {
                yield return ParsedRecord.Reject($"line {lineNumber}", $"record longer than {MaxLineLength / (1024 * 1024)} MB");
                continue;
            }

            var parsed = SnapshotParser.Parse(line, lineNumber);
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
            throw new InvalidInputException($"{path} does not look like an arXiv JSON-lines snapshot: its first line is not a JSON object.");
        }
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader, CancellationToken cancellationToken)
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
