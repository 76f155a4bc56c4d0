using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Api;

/// <summary><c>GET /api/papers/{id}</c>: one catalog paper, flat (HF-compatible).</summary>
public static class PapersApi
{
    public static RouteGroupBuilder MapPapersApi(this RouteGroupBuilder api)
    {
        // Catch-all so old-style ids with a slash (hep-th/9901001) work unescaped.
        api.MapGet("/papers/{**id}", GetPaperAsync)
            .CacheOutput(FeedCache.PaperApi)
            .WithName("Paper")
            .WithSummary("One paper by arXiv id (without version) or local id (HF-compatible).")
            .WithDescription(PaperSubresourcesOpenApi.IdDescription)
            .Produces<HfPaper>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private const string SimilarSuffix = "/similar";

    private static async Task<IResult> GetPaperAsync(
        string id, HttpContext context, PaperCatalog catalog, CancellationToken cancellationToken)
    {
        // One catch-all route serves /papers/{id}/similar too, because old-style ids contain a slash.
        if (id.EndsWith(SimilarSuffix, StringComparison.Ordinal))
        {
            return await SimilarPapersApi.GetSimilarAsync(id[..^SimilarSuffix.Length], context, cancellationToken);
        }
        else if (id.EndsWith(Community.Comments.CommentsApi.Suffix, StringComparison.Ordinal))
        {
            return await Community.Comments.CommentsApi.GetThreadAsync(id[..^Community.Comments.CommentsApi.Suffix.Length], context, cancellationToken);
        }

        if (!PaperId.TryNormalize(id, out var paperId))
        {
            return ApiProblems.InvalidPaperId(id);
        }

        var paper = await catalog.FindAsync(paperId, cancellationToken);
        if (paper is null)
        {
            // A local paper since found on arXiv: its old id points at the arXiv one for good.
            return await context.RequestServices.GetRequiredService<PaperAliases>().FindTargetAsync(paperId, cancellationToken) is { } arxivId
                ? TypedResults.Redirect("/api/papers/" + arxivId + context.Request.QueryString, permanent: true)
                : ApiProblems.PaperNotFound(paperId);
        }

        var verified = await context.RequestServices.GetRequiredService<PaperwireDbContext>().AuthorshipClaims.AsNoTracking()
            .Where(c => c.PaperId == paper.Id && c.Status == ClaimStatus.Verified)
            .Select(c => new VerifiedAuthor(c.AuthorIndex, c.UserName, c.DecidedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(paper.ToHfPaperInfo(verified));
    }
}
