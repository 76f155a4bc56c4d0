using Paperwire.Core.Community;
using Paperwire.Hosting;

namespace Paperwire.Community.Authorship;

/// <summary>Body of <c>POST /api/papers/{id}/authorship</c>: the position in the byline, 0 first.</summary>
public sealed record AuthorshipRequest(int? AuthorIndex);

/// <summary>A claim as the API shows it.</summary>
public sealed record AuthorshipResponse(long Id, string PaperId, int AuthorIndex, string User, string Status, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt)
{
    public static AuthorshipResponse From(AuthorshipClaim claim) => new(
        claim.Id, claim.PaperId, claim.AuthorIndex, claim.UserName, claim.Status.ToString().ToLowerInvariant(), claim.CreatedAt, claim.DecidedAt);
}

/// <summary>Registrations and API endpoints of the authorship feature (issue 5).</summary>
public static class AuthorshipFeature
{
    public static IServiceCollection AddAuthorship(this IServiceCollection services) => services.AddScoped<AuthorshipService>();

    /// <summary>
    /// <c>POST /api/papers/{id}/authorship</c> (a second route for old-style ids with a slash) and the admin's
    /// <c>POST /api/authorship/{claimId}/verify|reject</c>.
    /// </summary>
    public static RouteGroupBuilder MapAuthorshipApi(this RouteGroupBuilder api)
    {
        foreach (var pattern in (string[])["/papers/{id}/authorship", "/papers/{archive}/{number}/authorship"])
        {
            api.MapPost(pattern, ClaimAsync)
                .WithSummary("Claim an author entry { authorIndex } (0 first) of a paper as yourself; an admin verifies it.")
                .Write()
                .Produces<AuthorshipResponse>(StatusCodes.Status201Created);
        }

        api.MapPost("/authorship/{claimId:long}/verify", (long claimId, HttpContext context, AuthorshipService service, CancellationToken ct) =>
                DecideAsync(claimId, verify: true, context, service, ct))
            .WithSummary("Verify an authorship claim (admins only).")
            .Write()
            .Produces<AuthorshipResponse>();
        api.MapPost("/authorship/{claimId:long}/reject", (long claimId, HttpContext context, AuthorshipService service, CancellationToken ct) =>
                DecideAsync(claimId, verify: false, context, service, ct))
            .WithSummary("Reject an authorship claim (admins only).")
            .Write()
            .Produces<AuthorshipResponse>();
        return api;
    }

    private static async Task<IResult> ClaimAsync(AuthorshipRequest body, HttpContext context, AuthorshipService service, CancellationToken ct)
    {
        if (body.AuthorIndex is not { } index)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid author index", detail: "Send { \"authorIndex\": n }, the position in the byline (0 first).");
        }

        var values = context.Request.RouteValues;
        var paper = values.TryGetValue("archive", out var archive) ? $"{archive}/{values["number"]}" : values["id"] as string;
        var outcome = await service.ClaimAsync(context.UserId(), context.User.Identity!.Name!, paper, index, ct);
        return outcome.Succeeded
            ? TypedResults.Created((string?)null, AuthorshipResponse.From(outcome.Value!))
            : outcome.Status.ToProblem();
    }

    private static async Task<IResult> DecideAsync(long claimId, bool verify, HttpContext context, AuthorshipService service, CancellationToken ct)
    {
        if (!context.User.IsInRole(Roles.Admin))
        {
            return Collections.Outcome.Forbidden("Only admins verify or reject authorship claims.").ToProblem();
        }

        var outcome = await service.DecideAsync(claimId, verify, context.User.Identity!.Name!, ct);
        return outcome.Succeeded ? TypedResults.Ok(AuthorshipResponse.From(outcome.Value!)) : outcome.Status.ToProblem();
    }

    private static RouteHandlerBuilder Write(this RouteHandlerBuilder endpoint) => endpoint
        .WithTags("Community")
        .RequireSignedInWrite()
        .RequireRateLimiting(RateLimits.Collections)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
}
