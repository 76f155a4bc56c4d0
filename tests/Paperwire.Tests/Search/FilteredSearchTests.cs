using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Paperwire.Search;
using Paperwire.Search.Embeddings;
using Paperwire.Search.Hybrid;
using Paperwire.Search.Indexing;

namespace Paperwire.Tests.Search;

/// <summary>
/// Meaning and hybrid search with filters against an exact filtered scan of the same vectors: wide filters (most
/// papers), mid-sized and narrow ones, dates, on a small index and on one past the exact-scan limit.
/// </summary>
public sealed class FilteredSearchTests : IDisposable
{
    private const int Dimensions = 32;
    private static readonly DateOnly FirstDay = new(2020, 1, 1);
    private readonly List<string> folders = [];

    public static TheoryData<string, int> SmallIndexFilters => new()
    {
        // filter name, exact-scan limit (large: every filter is scanned exactly; small: wide and mid ones go through the graphs)
        { "archive cs (wide)", 20_000 },
        { "archive cs (wide)", 100 },
        { "category cs.CL (mid)", 20_000 },
        { "category cs.CL (mid)", 100 },
        { "category math.GT (narrow)", 100 },
        { "2023 (dates)", 20_000 },
        { "2023 (dates)", 100 },
        { "cs in 2023 (category and dates)", 100 },
    };

    [Theory]
    [MemberData(nameof(SmallIndexFilters))]
    public void Meaning_search_with_a_filter_finds_the_nearest_papers_that_pass_it(string filterName, int exactScanLimit)
    {
        using var catalog = Catalog.Build(NewFolder(), papers: 3_000, seed: 3, exactScanLimit);
        var filter = Filters[filterName];
        var matching = catalog.Papers.Count(filter.Passes);
        var exactly = matching <= exactScanLimit;

        double found = 0;
        const int Queries = 25;
        for (var q = 0; q < Queries; q++)
        {
            var query = catalog.RandomVector();
            var results = catalog.Search(query, filter.Filters, SearchMode.Semantic);
            var expected = catalog.ExactNearest(query, filter.Passes, 10);

            Assert.All(results, id => Assert.True(filter.Passes(catalog.Paper(id)), $"{id} does not pass {filterName}"));
            Assert.Equal(Math.Min(10, matching), results.Count);
            if (exactly)
            {
                catalog.AssertSameTop(query, expected, results);
            }

            found += results.Intersect(expected).Count();
        }

        var recall = found / (Queries * Math.Min(10, matching));
        Assert.True(recall >= 0.95, $"recall@10 against the exact filtered scan was {recall:F3} ({matching} papers pass)");
    }

    [Theory]
    [InlineData("archive cs (wide)")]
    [InlineData("category cs.CL (mid)")]
    [InlineData("category math.GT (narrow)")]
    [InlineData("2023 (dates)")]
    public void Hybrid_search_with_a_filter_returns_only_papers_that_pass_it(string filterName)
    {
        using var catalog = Catalog.Build(NewFolder(), papers: 3_000, seed: 5, exactScanLimit: 100);
        var filter = Filters[filterName];

        foreach (var words in new[] { "graph learning", "neural", "knot invariants", "galaxy survey" })
        {
            var results = catalog.Search(catalog.RandomVector(), filter.Filters, SearchMode.Hybrid, words, limit: 50);

            Assert.NotEmpty(results);
            Assert.All(results, id => Assert.True(filter.Passes(catalog.Paper(id)), $"{id} does not pass {filterName}"));
        }
    }

    [Fact]
    public void Past_the_exact_scan_limit_a_wide_filter_searches_the_graphs_and_narrow_ones_still_scan()
    {
        // 25,000 papers: "cs" passes ~16,000 of them, so with the limit at 10,000 it goes through the graphs (two
        // segments here); cs.CL (~2,500) and math.GT (~250) are scanned exactly.
        using var catalog = Catalog.Build(NewFolder(), papers: 25_000, seed: 8, exactScanLimit: 10_000);
        foreach (var (name, exactly) in new[] { ("archive cs (wide)", false), ("category cs.CL (mid)", true), ("category math.GT (narrow)", true), ("2023 (dates)", true) })
        {
            var filter = Filters[name];
            Assert.Equal(exactly, catalog.Papers.Count(filter.Passes) <= 10_000);
            double found = 0;
            const int Queries = 20;
            for (var q = 0; q < Queries; q++)
            {
                var query = catalog.RandomVector();
                var results = catalog.Search(query, filter.Filters, SearchMode.Semantic);
                var expected = catalog.ExactNearest(query, filter.Passes, 10);

                Assert.All(results, id => Assert.True(filter.Passes(catalog.Paper(id)), $"{id} does not pass {name}"));
                if (exactly)
                {
                    catalog.AssertSameTop(query, expected, results);
                }

                found += results.Intersect(expected).Count();
            }

            Assert.True(found / (Queries * 10) >= 0.95, $"{name}: recall@10 against the exact filtered scan was {found / (Queries * 10):F3}");
        }
    }

    [Fact]
    public void A_blank_category_filters_nothing()
    {
        using var catalog = Catalog.Build(NewFolder(), papers: 300, seed: 21, exactScanLimit: 20_000);
        var query = catalog.RandomVector();

        Assert.Equal(
            catalog.Search(query, SearchFilters.None, SearchMode.Semantic),
            catalog.Search(query, new SearchFilters { Category = "  " }, SearchMode.Semantic));
    }

    [Fact]
    public void A_paper_added_after_a_filtered_search_is_found_by_the_next_one()
    {
        using var catalog = Catalog.Build(NewFolder(), papers: 500, seed: 13, exactScanLimit: 20_000);
        var filter = new SearchFilters { Category = "math.GT" };
        var query = catalog.RandomVector();
        Assert.DoesNotContain("late-knot", catalog.Search(query, filter, SearchMode.Semantic));

        // A new math.GT paper whose vector is the query itself: it must come first once indexed, whatever was cached.
        catalog.Add(new CatalogPaper("late-knot", ["math.GT"], new DateOnly(2024, 5, 1)), query);

        Assert.Equal("late-knot", catalog.Search(query, filter, SearchMode.Semantic)[0]);
        Assert.Equal("late-knot", catalog.Search(query, new SearchFilters { Category = "math" }, SearchMode.Semantic)[0]);
    }

    [Fact]
    public void A_new_vector_for_a_paper_counts_at_the_next_filtered_search()
    {
        using var catalog = Catalog.Build(NewFolder(), papers: 500, seed: 17, exactScanLimit: 20_000);
        var filter = new SearchFilters { Category = "cs.CL" };
        var query = catalog.RandomVector();
        var last = catalog.Search(query, filter, SearchMode.Semantic, limit: 50)[^1];

        // Only the vector changes (the keyword index, and so the filter's cached matches, stay as they were).
        catalog.Replace(last, query);

        Assert.Equal(last, catalog.Search(query, filter, SearchMode.Semantic)[0]);
    }

    [Theory]
    [InlineData(20_000)] // every filter scanned exactly
    [InlineData(100)] // cs goes through the graphs
    public void A_paper_moved_to_another_category_leaves_the_old_filter_and_joins_the_new_one(int exactScanLimit)
    {
        using var catalog = Catalog.Build(NewFolder(), papers: 3_000, seed: 29, exactScanLimit);
        var cs = new SearchFilters { Category = "cs" };
        var knots = new SearchFilters { Category = "math.GT" };
        var query = catalog.RandomVector();
        var moved = catalog.Search(query, cs, SearchMode.Semantic)[0];

        // Re-indexed in a later batch (a new segment; the old document is deleted, not gone): filters cached before
        // the move must not answer for the index after it, in either direction.
        catalog.Add(new CatalogPaper(moved, ["math.GT"], new DateOnly(2024, 5, 1)), query);

        Assert.DoesNotContain(moved, catalog.Search(query, cs, SearchMode.Semantic, limit: 50));
        Assert.Equal(moved, catalog.Search(query, knots, SearchMode.Semantic)[0]);

        catalog.Add(new CatalogPaper(moved, ["cs.LG"], new DateOnly(2024, 5, 1)), query);

        Assert.Equal(moved, catalog.Search(query, cs, SearchMode.Semantic)[0]);
        Assert.DoesNotContain(moved, catalog.Search(query, knots, SearchMode.Semantic, limit: 50));
    }

    public void Dispose()
    {
        foreach (var folder in folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, (SearchFilters Filters, Func<CatalogPaper, bool> Passes)> Filters { get; } = new()
    {
        ["archive cs (wide)"] = (new SearchFilters { Category = "cs" }, p => p.Categories.Any(c => c.StartsWith("cs.", StringComparison.Ordinal))),
        ["category cs.CL (mid)"] = (new SearchFilters { Category = "cs.CL" }, p => p.Categories.Contains("cs.CL")),
        ["category math.GT (narrow)"] = (new SearchFilters { Category = "math.GT" }, p => p.Categories.Contains("math.GT")),
        ["2023 (dates)"] = (new SearchFilters { From = new(2023, 1, 1), To = new(2023, 12, 31) }, p => p.PublishedOn.Year == 2023),
        ["cs in 2023 (category and dates)"] = (new SearchFilters { Category = "cs", From = new(2023, 1, 1), To = new(2023, 12, 31) },
            p => p.PublishedOn.Year == 2023 && p.Categories.Any(c => c.StartsWith("cs.", StringComparison.Ordinal))),
    };

    private string NewFolder()
    {
        var folder = Directory.CreateTempSubdirectory("paperwire-filtered-").FullName;
        folders.Add(folder);
        return folder;
    }

    private sealed record CatalogPaper(string Id, string[] Categories, DateOnly PublishedOn);

    /// <summary>Papers with random vectors and a category mix: ~65% cs (10% cs.CL), ~1% math.GT, dates over five years.</summary>
    private sealed class Catalog : IDisposable
    {
        private static readonly string[] Words = ["graph", "learning", "neural", "knot", "invariants", "galaxy", "survey", "quantum", "network", "language"];
        private static readonly string[] OtherCs = ["cs.LG", "cs.CV", "cs.AI", "cs.RO", "cs.IR"];
        private static readonly string[] Others = ["math.PR", "math.NT", "astro-ph.GA", "quant-ph", "stat.ML", "physics.optics"];

        private readonly SearchIndexes indexes;
        private readonly PaperSearch search;
        private readonly Random random;
        private readonly Dictionary<string, (CatalogPaper Paper, float[] Vector)> papers = [];
        private long sequence;

        private Catalog(string folder, int seed, int exactScanLimit)
        {
            random = new Random(seed);
            var options = Options.Create(new SearchOptions { IndexDirectory = folder, FilteredExactScanLimit = exactScanLimit });
            indexes = new SearchIndexes(options, new TestEmbedder(), NullLogger<SearchIndexes>.Instance);
            search = new PaperSearch(indexes, options);
        }

        public IEnumerable<CatalogPaper> Papers => papers.Values.Select(p => p.Paper);

        public static Catalog Build(string folder, int papers, int seed, int exactScanLimit)
        {
            var catalog = new Catalog(folder, seed, exactScanLimit);
            var made = Enumerable.Range(0, papers).Select(i => (catalog.NewPaper(i), catalog.RandomVector())).ToList();
            foreach (var batch in made.Chunk(5_000))
            {
                catalog.Add(batch);
            }

            return catalog;
        }

        public CatalogPaper Paper(string id) => papers[id].Paper;

        public void Add(CatalogPaper paper, float[] vector) => Add([(paper, vector)]);

        public void Replace(string id, float[] vector)
        {
            indexes.Current.Vectors!.Upsert([id], [vector]);
            papers[id] = (papers[id].Paper, vector);
        }

        public float[] RandomVector()
        {
            var vector = new float[Dimensions];
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)(random.NextDouble() - 0.5);
            }

            return VectorMath.Normalized(vector);
        }

        public List<string> Search(float[] query, SearchFilters filters, SearchMode mode, string words = "anything", int limit = 10) =>
            [.. search.Search(new SearchRequest(words, filters, 0, limit, mode), query).Results.Select(r => r.PaperId)];

        public List<string> ExactNearest(float[] query, Func<CatalogPaper, bool> passes, int count) =>
            [.. papers.Values.Where(p => passes(p.Paper)).OrderByDescending(p => VectorMath.Dot(query, p.Vector)).Take(count).Select(p => p.Paper.Id)];

        /// <summary>
        /// The exact scan's top results, up to the vector index's half precision: a paper whose similarity is within
        /// 0.002 of the last expected one may stand in for it.
        /// </summary>
        public void AssertSameTop(float[] query, List<string> expected, List<string> results)
        {
            Assert.Equal(expected.Count, results.Distinct().Count());
            var last = VectorMath.Dot(query, papers[expected[^1]].Vector);
            Assert.All(results, id => Assert.True(VectorMath.Dot(query, papers[id].Vector) >= last - 0.002f, $"{id} is not among the exact top {expected.Count}"));
            Assert.All(expected, id => Assert.True(results.Contains(id) || VectorMath.Dot(query, papers[id].Vector) <= VectorMath.Dot(query, papers[results[^1]].Vector) + 0.002f, $"{id} is missing"));
        }

        public void Dispose() => indexes.Dispose();

        private void Add(IReadOnlyList<(CatalogPaper Paper, float[] Vector)> batch)
        {
            var generation = indexes.Current;
            generation.Keyword.Apply(batch.Select(p => new IndexedPaper(
                p.Paper.Id,
                $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {p.Paper.Id}",
                string.Join(' ', Enumerable.Range(0, 12).Select(_ => Words[random.Next(Words.Length)])),
                ["A. Author"],
                p.Paper.Categories,
                p.Paper.PublishedOn,
                null,
                false,
                false,
                ++sequence)));
            generation.CommitKeyword(sequence);
            generation.Vectors!.Upsert([.. batch.Select(p => p.Paper.Id)], [.. batch.Select(p => p.Vector)]);
            foreach (var paper in batch)
            {
                papers[paper.Paper.Id] = paper;
            }
        }

        private CatalogPaper NewPaper(int number)
        {
            var roll = random.NextDouble();
            string[] categories = roll switch
            {
                < 0.10 => ["cs.CL", OtherCs[random.Next(OtherCs.Length)]],
                < 0.65 => [OtherCs[random.Next(OtherCs.Length)]],
                < 0.66 => ["math.GT"],
                _ => [Others[random.Next(Others.Length)]],
            };
            return new CatalogPaper($"p{number:D6}", categories, FirstDay.AddDays(random.Next(5 * 365)));
        }
    }

    /// <summary>The model is never asked: every search here passes its query vector.</summary>
    private sealed class TestEmbedder : ITextEmbedder
    {
        public string ModelName => "filtered-search-test";

        public int Dimensions => FilteredSearchTests.Dimensions;

        public float[][] EmbedDocuments(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Not used: vectors are given.");

        public float[] EmbedQuery(string query) => throw new InvalidOperationException("Not used: query vectors are given.");
    }
}
