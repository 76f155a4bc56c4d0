using System.Globalization;
using Paperwire.Core.Papers;
using Paperwire.SearchWeb;
using Paperwire.Storage;

namespace Paperwire.Api;

/// <summary><c>GET /api/papers/{id}/similar?limit=</c>: nearest papers in meaning (flat HF paper objects).</summary>
public static class SimilarPapersApi
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;

    public static async Task<IResult> GetSimilarAsync(string id, HttpContext context, CancellationToken cancellationToken)
    {
        if (!PaperId.TryNormalize(id, out var paperId))
        {
            return ApiProblems.InvalidPaperId(id);
        }

        var limit = DefaultLimit;
        string? limitText = context.Request.Query["limit"];
        if (!string.IsNullOrEmpty(limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."] },
                title: "Invalid similar papers query");
        }

        var services = context.RequestServices;
        if (await services.GetRequiredService<PaperCatalog>().FindAsync(paperId, cancellationToken) is null)
        {
            return ApiProblems.PaperNotFound(paperId);
        }

        var similar = await services.GetRequiredService<SearchResults>().SimilarAsync(paperId, limit, cancellationToken);
        return TypedResults.Ok(similar.Select(p => p.ToHfPaper()).ToList());
    }
}
