using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Api;

/// <summary><c>GET /api/daily_papers</c>: the daily feed in huggingface.co's shape.</summary>
public static class DailyPapersApi
{
    public static RouteGroupBuilder MapDailyPapersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/daily_papers", GetDailyPapersAsync)
            .CacheOutput(FeedCache.DailyPapersApi)
            .WithName("DailyPapers")
            .WithSummary("Papers in the daily feed for a date, ISO week or month (HF-compatible).")
            .WithDescription("A Link: rel=\"next\" header is sent when more pages exist.")
            .WithQueryParameters(DailyPapersRequest.Parameters);
        return api;
    }

    private static async Task<Results<Ok<List<HfDailyPaper>>, ValidationProblem>> GetDailyPapersAsync(
        HttpContext context, DailyFeed feed, PublicAddress address, CancellationToken cancellationToken)
    {
        if (!DailyPapersRequest.TryParse(context.Request.Query, out var query, out var errors))
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid daily papers query");
        }

        var page = await feed.ReadAsync(query, cancellationToken);
        var baseUri = address.BaseFor(context.Request);
        if (page.HasMore)
        {
            context.Response.Headers.Link = $"<{NextPageUrl(baseUri, context.Request, query.Page + 1)}>; rel=\"next\"";
        }

        return TypedResults.Ok(page.Entries.Select(e => e.ToHfDailyPaper(page.AuthorsParticipating.Contains(e.PaperId), baseUri)).ToList());
    }

    private static string NextPageUrl(Uri baseUri, HttpRequest request, int nextPage)
    {
        var parameters = request.Query
            .Where(pair => pair.Key != "p")
            .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string?>(pair.Key, value)))
            .Append(new("p", nextPage.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString(new Uri(baseUri, request.Path.Value!.TrimStart('/')).AbsoluteUri, parameters);
    }
}
