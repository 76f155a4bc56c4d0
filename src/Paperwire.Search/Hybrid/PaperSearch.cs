using Microsoft.Extensions.Options;
using Paperwire.Search.Embeddings;
using Paperwire.Search.Indexing;
using Paperwire.Search.Keyword;

namespace Paperwire.Search.Hybrid;

/// <summary>
/// Answers searches and similar-paper lookups from the serving index generation: BM25 and nearest
/// neighbours, each taking its best <see cref="SearchOptions.Candidates"/>, fused by reciprocal rank.
/// </summary>
public sealed class PaperSearch(SearchIndexes indexes, IOptions<SearchOptions> options)
{
    /// <summary>Below this many papers passing the filters, meaning search scans them exactly instead of over-fetching from the ANN index.</summary>
    private const int ExactScanLimit = 20_000;

    /// <summary>With filters, the ANN index is asked for this many times the candidates, then filtered.</summary>
    private const int FilteredOverFetch = 4;

    private int Depth => Math.Max(10, options.Value.Candidates);

    /// <summary>The deepest result a search reaches; pages beyond it are empty.</summary>
    public int MaxResults => Depth;

    /// <param name="queryVector">The query's embedding when the caller has it (benchmarks measure search without the model).</param>
    public SearchOutcome Search(SearchRequest request, float[]? queryVector = null)
    {
        var query = UserQuery.Parse(request.Query);
        var generation = indexes.Current;
        var highlighter = new Highlighter(generation.Keyword.Analyzer, query);
        var warmingUp = indexes.SemanticWarmingUp;

        var keyword = request.Mode == SearchMode.Semantic
            ? []
            : generation.Keyword.Search(query, request.Filters, Depth).Select(m => m.PaperId).ToList();

        var semanticUsed = false;
        IReadOnlyList<string> semantic = [];
        if (request.Mode != SearchMode.Keyword && query.Text.Length > 0 && generation.Vectors is { Count: > 0 })
        {
            var vector = queryVector ?? indexes.Embeddings.Embedder.EmbedQuery(query.Text);
            semantic = Nearest(generation, vector, request.Filters, Depth, exclude: null);
            semanticUsed = true;
        }

        var ranked = request.Mode switch
        {
            SearchMode.Keyword => ReciprocalRankFusion.Fuse(keyword, []),
            SearchMode.Semantic => ReciprocalRankFusion.Fuse([], semantic),
            _ => ReciprocalRankFusion.Fuse(keyword, semantic),
        };

        var start = request.Page * request.Limit;
        var page = ranked.Skip(start).Take(request.Limit).ToList();
        return new SearchOutcome(page, ranked.Count > start + request.Limit, semanticUsed, warmingUp, highlighter);
    }

    /// <summary>Papers nearest in meaning to <paramref name="paperId"/>, itself excluded; empty until it is embedded.</summary>
    public IReadOnlyList<string> Similar(string paperId, int limit)
    {
        var generation = indexes.Current;
        if (generation.Vectors is not { } vectors || !vectors.TryGet(PaperKey.For(paperId), out var vector))
        {
            return [];
        }

        return [.. Nearest(generation, vector, SearchFilters.None, limit + 1, exclude: paperId).Take(limit)];
    }

    private static List<string> Nearest(IndexGeneration generation, float[] vector, SearchFilters filters, int count, string? exclude)
    {
        var vectors = generation.Vectors!;
        if (!filters.IsEmpty && generation.Keyword.IdsMatching(filters, ExactScanLimit) is { } candidates)
        {
            // Few papers pass the filters: score them all exactly rather than hope the ANN neighbourhood holds them.
            return [.. candidates
                .Where(id => id != exclude)
                .Select(id => (Id: id, Found: vectors.TryGet(PaperKey.For(id), out var v), Vector: v))
                .Where(c => c.Found)
                .OrderByDescending(c => VectorMath.Dot(vector, c.Vector))
                .Take(count)
                .Select(c => c.Id)];
        }

        var neighbours = vectors.Search(vector, filters.IsEmpty ? count + 1 : count * FilteredOverFetch);
        var ids = generation.Keyword.Resolve([.. neighbours.Select(n => n.Key)], filters);
        return [.. neighbours
            .Where(n => ids.ContainsKey(n.Key))
            .Select(n => ids[n.Key])
            .Where(id => id != exclude)
            .Take(count)];
    }
}
