using Paperwire.Core.Papers;
using Paperwire.Ingest.DemoCorpus;
using Paperwire.Ingest.Snapshot;
using Paperwire.Search;
using Paperwire.Search.Embeddings;

namespace Paperwire.Tests.Search;

/// <summary>
/// The vectors shipped in Paperwire.Search (<c>corpus-vectors.pwvec</c>) are the model's vectors of the shipped corpora,
/// so a first start has meaning search without running the model. Each vector is filed under a hash of the model name
/// and the exact text it was computed from: a paper whose shipped text changed no longer finds one.
/// </summary>
public class ShippedVectorsTests
{
    private const string Regenerate = "regenerate corpus-vectors.pwvec as docs/search.md describes";

    [Fact]
    public void EveryShippedPaper_HasTheVectorOfItsCurrentText()
    {
        var shipped = EmbeddingStore.LoadShipped();

        var missing = ShippedPapers().Where(p => !shipped.ContainsKey(Key(p))).Select(p => p.Id).ToList();

        Assert.True(missing.Count == 0, $"{missing.Count} shipped papers have no vector of their text (first: {string.Join(", ", missing.Take(5))}); {Regenerate}.");
    }

    [Fact]
    public void ShippedVectors_HoldNoVectorOfATextNoLongerShipped()
    {
        var texts = ShippedPapers().Select(Key).ToHashSet();

        var stale = EmbeddingStore.LoadShipped().Keys.Count(key => !texts.Contains(key));

        Assert.True(stale == 0, $"{stale} shipped vectors belong to no shipped text; {Regenerate} from an empty data folder.");
        Assert.Equal(4336, texts.Count); // the 67 demo papers and the 4,269 of the arXiv sample
    }

    [Fact]
    public void ShippedVectors_AreUnitLength_AsTheModelGivesThem()
    {
        var norms = EmbeddingStore.LoadShipped().Values.Select(v => MathF.Sqrt(v.Sum(x => x * x))).ToList();

        Assert.All(norms, norm => Assert.InRange(norm, 0.99f, 1.01f)); // f16 storage moves them by about 1e-3
    }

    /// <summary>Every paper a first start loads, as the importers make them; withdrawn papers are never embedded.</summary>
    private static IEnumerable<Paper> ShippedPapers()
    {
        var sample = File.ReadLines(new DemoCorpusOptions().ArxivSamplePath)
            .Select((line, i) => SnapshotParser.Parse(line, i + 1).Paper ?? throw new InvalidDataException($"line {i + 1} of the shipped sample is rejected"));
        return DemoCorpusLoader.ReadPapers().Concat(sample).Where(p => !p.Withdrawn);
    }

    private static ulong Key(Paper paper) =>
        EmbeddingStore.ShippedKey(new IndexedPaper(paper.Id, paper.Title, paper.Summary, [], [], default, null, false, false, 0).EmbeddingText);
}
