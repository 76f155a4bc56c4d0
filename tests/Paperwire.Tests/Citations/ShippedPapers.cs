using Paperwire.Core.Papers;
using Paperwire.Ingest.DemoCorpus;
using Paperwire.Ingest.Snapshot;

namespace Paperwire.Tests.Citations;

/// <summary>Every paper that ships with Paperwire: the arXiv sample (real TeX, unicode and mess) and the demo page's papers.</summary>
internal static class ShippedPapers
{
    private static readonly Lazy<IReadOnlyList<Paper>> Loaded = new(() =>
    [
        .. File.ReadLines(new DemoCorpusOptions().ArxivSamplePath)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select((line, i) => SnapshotParser.Parse(line, i + 1).Paper)
            .OfType<Paper>(),
        .. DemoCorpusLoader.ReadPapers(),
    ]);

    public static IReadOnlyList<Paper> All => Loaded.Value;
}
