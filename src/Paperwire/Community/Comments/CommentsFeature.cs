using Paperwire.Hosting;

namespace Paperwire.Community.Comments;

/// <summary>Registrations and API endpoints of the comments feature (issue 5).</summary>
public static class CommentsFeature
{
    public static IServiceCollection AddComments(this IServiceCollection services) => services
        .AddSingleton<CommentRenderer>()
        .AddScoped<PaperComments>();

    /// <summary>
    /// Writes on comments. <c>GET /api/papers/{id}/comments</c> is served by the papers catch-all
    /// (<see cref="Api.PapersApi"/>); posting has a second route for old-style ids (hep-th/9901001).
    /// </summary>
    public static RouteGroupBuilder MapCommentsApi(this RouteGroupBuilder api)
    {
        foreach (var pattern in (string[])["/papers/{id}/comments", "/papers/{archive}/{number}/comments"])
        {
            api.MapPost(pattern, CommentsApi.PostAsync)
                .WithSummary("Comment on a paper: { text, parentId? } in Markdown (at most 10,000 characters); a reply to a reply joins its top-level comment.")
                .Produces<CommentResponse>(StatusCodes.Status201Created)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .Finish();
        }

        api.MapPut("/comments/{id:long}", CommentsApi.EditAsync)
            .WithSummary("Edit your own comment: { text }.")
            .Produces<CommentResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Finish();
        api.MapDelete("/comments/{id:long}", CommentsApi.DeleteAsync)
            .WithSummary("Delete your own comment: its text is removed, replies stay (shown as [deleted]).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Finish();
        api.MapPost("/comments/{id:long}/hide", CommentsApi.HideAsync)
            .WithSummary("Hide any comment (moderators and admins).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Finish();
        return api;
    }

    private static void Finish(this RouteHandlerBuilder endpoint) => endpoint
        .WithTags("Community")
        .RequireSignedInWrite()
        .RequireRateLimiting(RateLimits.Comments)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
