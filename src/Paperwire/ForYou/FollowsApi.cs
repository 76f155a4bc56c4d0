using Paperwire.Community;
using Paperwire.Core.Readers;
using Paperwire.Hosting;

namespace Paperwire.ForYou;

/// <summary>What <c>POST /api/follows</c> takes: <c>kind</c> is category, organization or author.</summary>
public sealed record FollowRequest(string? Kind, string? Name);

/// <summary>A follow as the API shows it.</summary>
public sealed record FollowResponse(long Id, string Kind, string Name, DateTimeOffset CreatedAt)
{
    public static FollowResponse From(ReaderSignal signal) => new(signal.Id, FollowRules.KindName(signal.Kind), signal.Target, signal.CreatedAt);
}

/// <summary><c>GET</c> / <c>POST /api/follows</c> and <c>DELETE /api/follows/{kind}/{name}</c>: categories, organizations and authors a reader follows.</summary>
public static class FollowsApi
{
    public static RouteGroupBuilder MapFollowsApi(this RouteGroupBuilder api)
    {
        var follows = api.MapGroup("/follows").WithTags("For you");
        follows.MapGet("/", async (HttpContext context, ReaderInterests interests, CancellationToken ct) =>
                TypedResults.Ok((await interests.ListAsync(context.UserId(), ct)).Where(s => s.Kind != ReaderSignalKind.NotInterested).Select(FollowResponse.From).ToList()))
            .WithSummary("The categories, organizations and authors you follow, oldest first.")
            .RequireAuthorization(CommunityWrites.Policy)
            .Produces<List<FollowResponse>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        follows.MapPost("/", FollowAsync)
            .WithSummary($"Follow {{ kind: category|organization|author, name }} (idempotent): an arXiv category (cs.CL) or archive (cs), an organization's name, or an author's name as written on papers (1–200 characters). At most {FollowRules.MaxFollowsPerReader} follows.")
            .Write()
            .Produces<FollowResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        follows.MapDelete("/{kind}/{**name}", UnfollowAsync)
            .WithSummary("Stop following (idempotent).")
            .Write();
        return api;
    }

    private static RouteHandlerBuilder Write(this RouteHandlerBuilder endpoint) => endpoint
        .RequireSignedInWrite()
        .RequireRateLimiting(RateLimits.Votes)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> FollowAsync(FollowRequest? body, HttpContext context, ReaderInterests interests, CancellationToken cancellationToken)
    {
        if (!FollowRules.TryParseKind(body?.Kind, out var kind))
        {
            return UnknownKind();
        }

        var outcome = await interests.FollowAsync(context.UserId(), kind, body?.Name, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(FollowResponse.From(outcome.Value!)) : outcome.Status.ToProblem();
    }

    private static async Task<IResult> UnfollowAsync(string kind, string name, HttpContext context, ReaderInterests interests, CancellationToken cancellationToken)
    {
        if (!FollowRules.TryParseKind(kind, out var parsed))
        {
            return UnknownKind();
        }

        await interests.UnfollowAsync(context.UserId(), parsed, name, cancellationToken);
        return TypedResults.NoContent();
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult UnknownKind() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Invalid follow",
        detail: $"kind must be one of: {string.Join(", ", FollowRules.Kinds)}.");
}
