using Microsoft.Extensions.Options;
using Paperwire.Search.Embeddings;
using Paperwire.Search.Indexing;
using Paperwire.Search.Keyword;
using Paperwire.Search.Vectors;

namespace Paperwire.Search.Hybrid;

/// <summary>
/// Answers searches and similar-paper lookups from the serving index generation: BM25 and nearest
/// neighbours, each taking its best <see cref="SearchOptions.Candidates"/>, fused (<see cref="Fusion"/>).
/// </summary>
public sealed class PaperSearch(SearchIndexes indexes, IOptions<SearchOptions> options)
{
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

        // With meaning search alongside, keywords can afford to be strict (most words must match); alone they
        // must be forgiving, or a query in the user's own words finds nothing.
        var semanticAvailable = request.Mode != SearchMode.Keyword && query.Text.Length > 0 && generation.Vectors is { Count: > 0 };
        var strictness = semanticAvailable ? options.Value.HybridKeywordMatch : options.Value.KeywordMatch;

        List<Scored> Meaning() =>
            Nearest(generation, queryVector ?? indexes.Embeddings.Embedder.EmbedQuery(query.Text), request.Filters, Depth, exclude: null, options.Value.FilteredExactScanLimit);
        List<Scored> Keywords() =>
            [.. generation.Keyword.Search(query, request.Filters, Depth, strictness).Select(m => new Scored(m.PaperId, m.Score))];

        // The two halves of a hybrid search are independent: meaning (query embedding + nearest neighbours) runs
        // on another core while this thread searches the keywords, so it takes about the longer half, not the sum.
        // (Should the thread pool be busy, waiting runs the queued half on this thread.)
        var semanticUsed = semanticAvailable;
        List<Scored> keyword, semantic;
        switch (request.Mode)
        {
            case SearchMode.Semantic:
                (keyword, semantic) = ([], semanticAvailable ? Meaning() : []);
                break;
            case SearchMode.Hybrid when semanticAvailable:
                var meaning = Task.Run(Meaning);
                keyword = Keywords();
                semantic = meaning.GetAwaiter().GetResult();
                break;
            default:
                (keyword, semantic) = (Keywords(), []);
                break;
        }

        var settings = options.Value.FusionSettings;
        var ranked = request.Mode switch
        {
            SearchMode.Keyword => Fusion.Fuse(keyword, [], settings),
            SearchMode.Semantic => Fusion.Fuse([], semantic, settings),
            _ => Fusion.Fuse(keyword, semantic, settings),
        };

        var start = request.Page * request.Limit;
        var page = ranked.Skip(start).Take(request.Limit).ToList();
        // Meaning search always returns neighbours, even for "xyzzyqq": they only count as matches when close.
        var close = keyword.Count > 0 || (semantic.Count > 0 && semantic[0].Score >= options.Value.CloseMatchSimilarity);
        return new SearchOutcome(page, ranked.Count > start + request.Limit, semanticUsed, warmingUp, highlighter, ranked.Count, close);
    }

    /// <summary>Papers nearest in meaning to <paramref name="paperId"/>, itself excluded; empty until it is embedded.</summary>
    public IReadOnlyList<string> Similar(string paperId, int limit)
    {
        var generation = indexes.Current;
        if (generation.Vectors is not { } vectors || !vectors.TryGet(PaperKey.For(paperId), out var vector))
        {
            return [];
        }

        return [.. Nearest(generation, vector, SearchFilters.None, limit + 1, exclude: paperId, options.Value.FilteredExactScanLimit).Take(limit).Select(s => s.PaperId)];
    }

    /// <summary>Ids from the vector index itself (microseconds); null when some key is unknown there, e.g. an older index.</summary>
    private static Dictionary<ulong, string>? KnownIds(VectorIndex vectors, IReadOnlyList<(ulong Key, float Similarity)> neighbours)
    {
        var ids = new Dictionary<ulong, string>(neighbours.Count);
        foreach (var (key, _) in neighbours)
        {
            if (!vectors.TryGetPaperId(key, out var id))
            {
                return null;
            }

            ids[key] = id;
        }

        return ids;
    }

    private static List<Scored> Nearest(IndexGeneration generation, float[] vector, SearchFilters filters, int count, string? exclude, int exactScanLimit)
    {
        var vectors = generation.Vectors!;
        var wanted = exclude is null ? count : count + 1;
        // The papers passing the filters, counted and keyed once per filter and index state (cached).
        var matches = filters.IsEmpty ? null : generation.Keyword.Matching(filters);
        IReadOnlyList<(ulong Key, float Similarity)> neighbours =
            matches is null ? vectors.Search(vector, count + 1)
            : matches.Count == 0 ? []
            : matches.Count <= exactScanLimit ? vectors.SearchAmong(vector, matches, matches.KeyList, wanted)
            : vectors.Search(vector, wanted, matches.Contains);
        IReadOnlyDictionary<ulong, string> ids = KnownIds(vectors, neighbours) ?? generation.Keyword.Resolve([.. neighbours.Select(n => n.Key)], filters);
        return [.. neighbours
            .Where(n => ids.ContainsKey(n.Key) && ids[n.Key] != exclude)
            .Select(n => new Scored(ids[n.Key], n.Similarity))
            .Take(count)];
    }
}
