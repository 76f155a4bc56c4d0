using Paperwire.Recommend.Signals;
using Paperwire.Recommend.Vectors;
using Paperwire.Search.Embeddings;

namespace Paperwire.Bench.Recommend;

/// <summary>
/// A catalog of any size made from the shipped vectors of the 4,336 real papers: each synthetic paper's vector mixes
/// two real ones plus a little noise (so neighbourhoods look like real ones, not like uniform noise), with 1–3 of
/// 20 real categories, 2–6 of 5,000 authors and maybe one of 100 organizations. Deterministic.
/// </summary>
internal sealed class SyntheticCatalog
{
    private static readonly string[] Categories =
    [
        "cs.CL", "cs.CV", "cs.LG", "cs.AI", "cs.RO", "cs.CR", "stat.ML", "math.OC", "math.NA", "math.PR",
        "math.AP", "math.CO", "math.NT", "math.AG", "math.DG", "eess.IV", "eess.SY", "quant-ph", "hep-th", "math.ST",
    ];

    private SyntheticCatalog(List<CatalogPaper> papers, Dictionary<string, float[]> vectors)
    {
        Papers = papers;
        Vectors = new InMemoryPaperVectors(vectors);
        RawVectors = vectors;
    }

    public IReadOnlyList<CatalogPaper> Papers { get; }

    public IPaperVectors Vectors { get; }

    public IReadOnlyDictionary<string, float[]> RawVectors { get; }

    public static SyntheticCatalog Create(int count, int seed = 1)
    {
        var real = EmbeddingStore.LoadShipped().Values.ToArray();
        var random = new Random(seed);
        var papers = new List<CatalogPaper>(count);
        var vectors = new Dictionary<string, float[]>(count, StringComparer.Ordinal);
        var day = new DateOnly(2026, 11, 1);
        for (var i = 0; i < count; i++)
        {
            var a = real[random.Next(real.Length)];
            var b = real[random.Next(real.Length)];
            var vector = new float[a.Length];
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] = a[d] + (0.4f * b[d]) + (0.01f * (float)((random.NextDouble() * 2) - 1));
            }

            var id = $"2611.{i:D6}";
            vectors[id] = vector;
            papers.Add(new CatalogPaper(
                id,
                $"Synthetic paper {i}",
                day.AddDays(i % 28),
                [.. Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Categories[random.Next(Categories.Length)]).Distinct()],
                random.Next(4) == 0 ? $"Organization {random.Next(100)}" : null,
                [.. Enumerable.Range(0, 2 + random.Next(5)).Select(_ => $"Author {random.Next(5000)}")]));
        }

        return new SyntheticCatalog(papers, vectors);
    }

    /// <summary>A reader with 200 signals: 180 upvotes and 20 not-interested papers of the catalog, and a few follows.</summary>
    public ReaderSignals ReaderWith200Signals(int seed = 2)
    {
        var random = new Random(seed);
        var picked = Papers.OrderBy(_ => random.Next()).Take(200).ToList();
        return new ReaderSignals(
            1,
            [.. picked.Take(180).Select(p => new PositiveSignal(p, SignalKind.Upvote))],
            [.. picked.Skip(180)],
            new ReaderFollows(["cs.CL", "cs.LG", "stat.ML"], ["Organization 7"], ["Author 42", "Author 4242"]));
    }
}
