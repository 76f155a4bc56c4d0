using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.SearchWeb;
using Paperwire.Storage;

namespace Paperwire.Api;

/// <summary><c>GET /api/papers/{id}/similar?limit=</c>: nearest papers in meaning (flat HF paper objects).</summary>
public static class SimilarPapersApi
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;

    public static readonly IntegerParameter Limit = new("limit", "How many papers, nearest first.", DefaultLimit, Minimum: 1, MaxLimit);

    public static async Task<IResult> GetSimilarAsync(string id, HttpContext context, CancellationToken cancellationToken)
    {
        if (!PaperId.TryNormalize(id, out var paperId))
        {
            return ApiProblems.InvalidPaperId(id);
        }

        var errors = new Dictionary<string, string[]>();
        var limit = Limit.Read(context.Request.Query, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid similar papers query");
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
