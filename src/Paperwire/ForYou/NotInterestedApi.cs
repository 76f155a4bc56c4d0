using Paperwire.Api;
using Paperwire.Community;
using Paperwire.Core.Papers;
using Paperwire.Hosting;

namespace Paperwire.ForYou;

/// <summary>
/// <c>POST</c> / <c>DELETE /api/papers/{id}/not-interested</c>, with a second route per verb for old-style ids
/// (<c>{archive}/{number}</c>), as the upvote endpoints.
/// </summary>
public static class NotInterestedApi
{
    public static RouteGroupBuilder MapNotInterestedApi(this RouteGroupBuilder api)
    {
        foreach (var pattern in (string[])["/papers/{id}/not-interested", "/papers/{archive}/{number}/not-interested"])
        {
            api.MapPost(pattern, (HttpContext context, ReaderInterests interests, CancellationToken ct) => SetAsync(context, interests, true, ct))
                .WithSummary("Mark a paper not interested (idempotent): it and its nearest neighbours sink in your recommendations, and your upvote of it is taken back. 409 for a withdrawn paper.")
                .Finish();
            api.MapDelete(pattern, (HttpContext context, ReaderInterests interests, CancellationToken ct) => SetAsync(context, interests, false, ct))
                .WithSummary("Undo a not-interested mark (idempotent).")
                .Finish();
        }

        return api;
    }

    private static void Finish(this RouteHandlerBuilder endpoint) => endpoint
        .WithTags("For you")
        .RequireSignedInWrite()
        .RequireRateLimiting(RateLimits.Votes)
        .Produces<NotInterestedState>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> SetAsync(HttpContext context, ReaderInterests interests, bool notInterested, CancellationToken cancellationToken)
    {
        var values = context.Request.RouteValues;
        var requested = values.TryGetValue("archive", out var archive) ? $"{archive}/{values["number"]}" : values["id"] as string;
        if (!PaperId.TryNormalize(requested, out var paperId))
        {
            return ApiProblems.InvalidPaperId(requested);
        }

        var outcome = await interests.SetNotInterestedAsync(context.UserId(), paperId, notInterested, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Value) : outcome.Status.ToProblem();
    }
}
