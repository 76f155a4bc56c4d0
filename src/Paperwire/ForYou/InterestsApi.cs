using Paperwire.Community;
using Paperwire.Hosting;

namespace Paperwire.ForYou;

/// <summary><c>GET /api/account/interests</c> (every signal, as a JSON download) and <c>DELETE /api/account/interests/{id}</c>.</summary>
public static class InterestsApi
{
    public static RouteGroupBuilder MapInterestsApi(this RouteGroupBuilder api)
    {
        var interests = api.MapGroup("/account/interests").WithTags("For you");
        interests.MapGet("/", async (HttpContext context, InterestsExporter exporter, CancellationToken ct) =>
            {
                var export = await exporter.ReadAsync(context.UserId(), ct);
                // Your signals are private: no shared cache may keep them, and a browser saves them as a file.
                context.Response.Headers.CacheControl = "private, no-store";
                context.Response.Headers.ContentDisposition = "attachment; filename=\"paperwire-interests.json\"";
                return TypedResults.Ok(export);
            })
            .WithSummary("Every signal your personal ranking learns from (upvotes, collected and authored papers, not-interested marks, follows), as a JSON download.")
            .RequireAuthorization(CommunityWrites.Policy)
            .Produces<InterestsExport>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        interests.MapDelete("/{id:long}", async (long id, HttpContext context, ReaderInterests service, CancellationToken ct) =>
                await service.RemoveSignalAsync(context.UserId(), id, ct)
                    ? (IResult)TypedResults.NoContent()
                    : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Signal not found", detail: $"You have no signal {id}."))
            .WithSummary("Remove one not-interested mark or follow by its id (upvotes and collected papers: the request in their remove field).")
            .RequireSignedInWrite()
            .RequireRateLimiting(RateLimits.Votes)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }
}
