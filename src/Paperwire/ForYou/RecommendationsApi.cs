using System.Globalization;
using Paperwire.Community;

namespace Paperwire.ForYou;

/// <summary><c>GET /api/recommendations?limit=&amp;p=&amp;from=&amp;to=</c>: the signed-in reader's ranking, best first.</summary>
public static class RecommendationsApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int MaxPage = 100;

    public static RouteGroupBuilder MapRecommendationsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/recommendations", GetAsync)
            .WithTags("For you")
            .WithSummary("Your personal ranking of the papers of a window of paper dates (default: the catalog's latest 7 days), each with the reason. Needs a personal API token or the sign-in cookie.")
            .RequireAuthorization(CommunityWrites.Policy)
            .Produces<List<RecommendationResponse>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }

    private static async Task<IResult> GetAsync(HttpContext context, ForYouRanking ranking, Hosting.PublicAddress address, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var limit = ParseInt(query["limit"], "limit", DefaultLimit, 1, MaxLimit, errors);
        var page = ParseInt(query["p"], "p", 0, 0, MaxPage, errors);
        var window = CandidateWindow.Parse(query["from"], query["to"], errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid recommendations query");
        }

        var items = await ranking.RecommendAsync(context.UserId(), window, page, limit, cancellationToken);
        var baseUri = address.BaseFor(context.Request);
        return TypedResults.Ok(items.Select(item => RecommendationResponse.From(item, baseUri)).ToList());
    }

    private static int ParseInt(string? text, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [$"{name} must be a whole number from {min} to {max}."];
        return fallback;
    }
}
