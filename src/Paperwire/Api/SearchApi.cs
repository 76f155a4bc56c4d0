using Microsoft.AspNetCore.Http.HttpResults;
using Paperwire.Hosting;
using Paperwire.SearchWeb;

namespace Paperwire.Api;

/// <summary><c>GET /api/papers/search?q=&amp;limit=</c>: hybrid search in the HF shape, with highlights.</summary>
public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        api.MapGet("/papers/search", SearchAsync)
            .WithName("SearchPapers")
            .WithSummary("Hybrid (keyword + meaning) search over the catalog, with highlights (HF-compatible).")
            .WithDescription("An X-Paperwire-Semantic: warming-up header says meaning search is still indexing, so results lean on keywords.")
            .WithQueryParameters(SearchQueryParser.Parameters);
        return api;
    }

    private static async Task<Results<Ok<List<HfSearchResult>>, ValidationProblem>> SearchAsync(
        HttpContext context, SearchResults search, Storage.DailyFeed feed, Hosting.PublicAddress address, CancellationToken cancellationToken)
    {
        if (!SearchQueryParser.TryParse(context.Request.Query, out var request, out var errors))
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid search");
        }

        var page = await search.RunAsync(request, cancellationToken);
        // Tells API clients that meaning search is still catching up, so results lean on keywords for now.
        if (page.SemanticWarmingUp)
        {
            context.Response.Headers["X-Paperwire-Semantic"] = "warming-up";
        }

        var participating = await feed.AuthorsParticipatingAsync([.. page.Hits.Select(h => h.Paper.Id)], cancellationToken);
        return TypedResults.Ok(page.Hits.Select(h => h.ToHfSearchResult(participating.Contains(h.Paper.Id), address.BaseFor(context.Request))).ToList());
    }
}
