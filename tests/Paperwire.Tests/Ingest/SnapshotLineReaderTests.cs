using System.Text;
using Paperwire.Ingest.Snapshot;

namespace Paperwire.Tests.Ingest;

public sealed class SnapshotLineReaderTests
{
    [Fact]
    public async Task ReadLine_CrlfBomAndMissingLastNewline_GiveTheLinesAsWritten()
    {
        var lines = await ReadAllAsync("\uFEFF{\"a\":1}\r\n\r\n{\"b\":\"ü\"}", maxLineBytes: 100);

        Assert.Equal([new("{\"a\":1}", false), new("", false), new("{\"b\":\"ü\"}", false)], lines);
    }

    [Fact]
    public async Task ReadLine_LineOverTheCap_IsSkippedToItsEnd_KeepingOnlyItsStart()
    {
        var lines = await ReadAllAsync($"{{\"x\":\"{new string('é', 100_000)}\"}}\nnext\n", maxLineBytes: 1000);

        Assert.Equal(2, lines.Count);
        Assert.True(lines[0].TooLong);
        Assert.StartsWith("{\"x\":\"ééé", lines[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', lines[0].Text); // the start is cut between characters, not inside one
        Assert.Equal(new SnapshotLine("next", false), lines[1]);
    }

    [Fact]
    public async Task ReadLine_LineOfExactlyTheCap_IsKept()
    {
        var lines = await ReadAllAsync(new string('a', 1000) + "\n", maxLineBytes: 1000);

        Assert.Equal([new(new string('a', 1000), false)], lines);
    }

    private static async Task<List<SnapshotLine>> ReadAllAsync(string text, int maxLineBytes)
    {
        // A stream that hands out a few bytes at a time, so lines and characters straddle reads.
        var reader = new SnapshotLineReader(new TrickleStream(Encoding.UTF8.GetBytes(text)), maxLineBytes);
        var lines = new List<SnapshotLine>();
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 7)], cancellationToken);
    }
}
