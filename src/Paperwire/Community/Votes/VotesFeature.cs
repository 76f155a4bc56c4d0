using Paperwire.Api;
using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.Storage.Community;

namespace Paperwire.Community.Votes;

/// <summary>Registrations and API endpoints of the votes feature (issue 5).</summary>
public static class VotesFeature
{
    public static IServiceCollection AddVotes(this IServiceCollection services) => services
        .AddScoped<VoteStore>()
        .AddScoped<PaperVotes>();

    /// <summary>
    /// <c>POST</c> / <c>DELETE /api/papers/{id}/upvote</c>. Old-style ids contain a slash, so each verb has a
    /// second route for <c>{archive}/{number}</c> (hep-th/9901001); both answer <c>{ upvotes, upvoted }</c>.
    /// </summary>
    public static RouteGroupBuilder MapVotesApi(this RouteGroupBuilder api)
    {
        foreach (var pattern in (string[])["/papers/{id}/upvote", "/papers/{archive}/{number}/upvote"])
        {
            api.MapPost(pattern, (HttpContext context, PaperVotes votes, CancellationToken cancellationToken) =>
                    SetAsync(context, votes, upvoted: true, cancellationToken))
                .WithSummary("Upvote a paper (idempotent). Needs a personal API token or the sign-in cookie with X-CSRF-TOKEN.")
                .Finish();
            api.MapDelete(pattern, (HttpContext context, PaperVotes votes, CancellationToken cancellationToken) =>
                    SetAsync(context, votes, upvoted: false, cancellationToken))
                .WithSummary("Remove your upvote from a paper (idempotent).")
                .Finish();
        }

        return api;
    }

    private static void Finish(this RouteHandlerBuilder endpoint) => endpoint
        .WithTags("Community")
        .RequireSignedInWrite()
        .RequireRateLimiting(RateLimits.Votes)
        .Produces<UpvoteResponse>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> SetAsync(HttpContext context, PaperVotes votes, bool upvoted, CancellationToken cancellationToken)
    {
        var values = context.Request.RouteValues;
        var requested = values.TryGetValue("archive", out var archive) ? $"{archive}/{values["number"]}" : values["id"] as string;
        if (!PaperId.TryNormalize(requested, out var paperId))
        {
            return ApiProblems.InvalidPaperId(requested);
        }

        var state = await votes.SetAsync(context.UserId(), paperId, upvoted, cancellationToken);
        return state is null ? ApiProblems.PaperNotFound(paperId) : TypedResults.Ok(new UpvoteResponse(state.Upvotes, state.Upvoted));
    }
}

/// <summary>The answer of the upvote endpoints.</summary>
public sealed record UpvoteResponse(int Upvotes, bool Upvoted);
