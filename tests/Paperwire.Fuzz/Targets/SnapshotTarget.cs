using Paperwire.Ingest.Pipeline;
using Paperwire.Ingest.Snapshot;

namespace Paperwire.Fuzz.Targets;

/// <summary><c>import snapshot FILE</c>: JSON lines (or gzip of them), each line mapped to a paper or a rejection.</summary>
internal static class SnapshotTarget
{
    // Small, so that fuzzer-sized inputs reach the over-long-record path too.
    private const int MaxRecordBytes = 4096;

    public static FuzzTarget Create() => new("snapshot", "arXiv snapshot JSON lines, plain or gzip", Parse, typeof(InvalidInputException));

    private static void Parse(byte[] input) => ParseAsync(input).GetAwaiter().GetResult();

    private static async Task ParseAsync(byte[] input)
    {
        using var file = SnapshotFile.Open(new MemoryStream(input), "fuzz input", MaxRecordBytes);
        await foreach (var record in file.ReadAsync(SnapshotFilter.All, CancellationToken.None))
        {
            _ = record;
        }
    }
}
