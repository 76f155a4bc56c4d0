using Paperwire.Core.Operations;
using Paperwire.Core.Papers;
using Paperwire.Search.Hybrid;
using Paperwire.Search.Indexing;
using Paperwire.Search.Keyword;
using Paperwire.Storage;

namespace Paperwire.SearchWeb;

/// <summary>A search result ready to show: the paper, its highlighted title and abstract, and how it was found.</summary>
public sealed record SearchHit(Paper Paper, RankedPaper Rank, IReadOnlyList<HighlightSegment> Title, IReadOnlyList<HighlightSegment> Summary);

/// <param name="SemanticOff">Meaning search is switched off on this server (<c>Search:Embeddings=false</c>).</param>
/// <param name="Total">Results across every page.</param>
/// <param name="CloseMatches">False when no paper has the query's words and none is close in meaning: the hits are only the least distant.</param>
public sealed record SearchPage(SearchRequest Request, IReadOnlyList<SearchHit> Hits, bool HasMore, bool SemanticUsed, bool SemanticWarmingUp, bool SemanticOff, int Total, bool CloseMatches);

/// <summary>Runs a search and loads the papers it found from the catalog, in ranked order.</summary>
public sealed class SearchResults(PaperSearch search, SearchIndexes indexes, PaperCatalog catalog, PaperwireMetrics metrics, TimeProvider clock)
{
    public async Task<SearchPage> RunAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var outcome = search.Search(request);
        var papers = await catalog.FindManyAsync([.. outcome.Results.Select(r => r.PaperId)], cancellationToken);
        var ranks = outcome.Results.ToDictionary(r => r.PaperId);
        var hits = papers
            .Select(p => new SearchHit(p, ranks[p.Id], outcome.Highlighter.Highlight(p.Title), outcome.Highlighter.Highlight(p.Summary)))
            .ToList();
        metrics.SearchAnswered(clock.GetElapsedTime(started), outcome.SemanticUsed);
        return new SearchPage(request, hits, outcome.HasMore, outcome.SemanticUsed, outcome.SemanticWarmingUp, !indexes.EmbeddingsEnabled, outcome.Total, outcome.CloseMatches);
    }

    /// <summary>Papers nearest in meaning to <paramref name="paperId"/>; empty until it is embedded.</summary>
    public Task<IReadOnlyList<Paper>> SimilarAsync(string paperId, int limit, CancellationToken cancellationToken) =>
        catalog.FindManyAsync(search.Similar(paperId, limit), cancellationToken);
}
