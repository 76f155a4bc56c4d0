namespace Paperwire.Search.Hybrid;

public enum SearchMode
{
    /// <summary>Keyword and meaning, fused.</summary>
    Hybrid,

    /// <summary>BM25 only.</summary>
    Keyword,

    /// <summary>Embeddings only.</summary>
    Semantic,
}

/// <summary>A search as the user asked it; <paramref name="Page"/> is zero-based.</summary>
public sealed record SearchRequest(string Query, SearchFilters Filters, int Page, int Limit, SearchMode Mode = SearchMode.Hybrid);

/// <summary>A result: the fused score and where each method ranked it (1-based; null when it did not find it).</summary>
public sealed record RankedPaper(string PaperId, double Score, int? KeywordRank, int? SemanticRank);

/// <summary>
/// One page of results. <paramref name="Total"/>: results across every page (the fused lists, at most
/// <see cref="SearchOptions.Candidates"/> from each method). <paramref name="CloseMatches"/>: some paper contains
/// the query's words, or is close to it in meaning (<see cref="SearchOptions.CloseMatchSimilarity"/>); false when
/// meaning search only returned the least distant papers of a catalog that has nothing on the query.
/// </summary>
public sealed record SearchOutcome(
    IReadOnlyList<RankedPaper> Results,
    bool HasMore,
    bool SemanticUsed,
    bool SemanticWarmingUp,
    Keyword.Highlighter Highlighter,
    int Total = 0,
    bool CloseMatches = true);
