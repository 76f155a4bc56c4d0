using Paperwire.Api;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Storage;

namespace Paperwire.Community.Comments;

/// <summary>The body of <c>POST /api/papers/{id}/comments</c> and <c>PUT /api/comments/{id}</c>.</summary>
public sealed record CommentRequest(string? Text, long? ParentId = null);

/// <summary>
/// A comment in the API. Deleted and hidden comments keep their place (replies stay under them) with
/// <c>state</c> "deleted" or "hidden" and no author or text. A visible comment whose author deleted their account and
/// kept their comments has <c>author</c> null (pages show "deleted user").
/// </summary>
public sealed record CommentResponse(
    long Id,
    string PaperId,
    long? ParentId,
    string? Author,
    bool ByPaperAuthor,
    string State,
    string? Markdown,
    string? Html,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    IReadOnlyList<CommentResponse> Replies)
{
    public static CommentResponse From(Comment comment, bool byPaperAuthor = false, IReadOnlyList<CommentResponse>? replies = null)
    {
        var state = CommentsApi.State(comment);
        var shown = state == CommentsApi.Visible;
        return new(
            comment.Id,
            comment.PaperId,
            comment.ParentId,
            shown ? comment.UserName : null,
            shown && byPaperAuthor,
            state,
            shown ? comment.Markdown : null,
            shown ? comment.Html : null,
            comment.CreatedAt,
            shown ? comment.EditedAt : null,
            replies ?? []);
    }

    public static CommentResponse From(ThreadComment thread) =>
        From(thread.Comment, thread.ByPaperAuthor, [.. thread.Replies.Select(From)]);
}

/// <summary>The comment endpoints' handlers (mapped in <see cref="CommentsFeature"/>).</summary>
public static class CommentsApi
{
    public const string Suffix = "/comments";
    public const string Visible = "visible";

    public static string State(Comment comment) =>
        comment.DeletedAt is not null ? "deleted" : comment.HiddenAt is not null ? "hidden" : Visible;

    /// <summary><c>GET /api/papers/{id}/comments</c>, dispatched from the papers catch-all (old-style ids have a slash).</summary>
    public static async Task<IResult> GetThreadAsync(string id, HttpContext context, CancellationToken cancellationToken)
    {
        if (!PaperId.TryNormalize(id, out var paperId))
        {
            return ApiProblems.InvalidPaperId(id);
        }

        var services = context.RequestServices;
        if (await services.GetRequiredService<PaperCatalog>().FindAsync(paperId, cancellationToken) is null)
        {
            return ApiProblems.PaperNotFound(paperId);
        }

        var thread = await services.GetRequiredService<PaperComments>().ThreadAsync(paperId, cancellationToken);
        return TypedResults.Ok(thread.Select(CommentResponse.From).ToList());
    }

    public static async Task<IResult> PostAsync(HttpContext context, CommentRequest? request, PaperComments comments, CancellationToken cancellationToken)
    {
        var values = context.Request.RouteValues;
        var requested = values.TryGetValue("archive", out var archive) ? $"{archive}/{values["number"]}" : values["id"] as string;
        if (!PaperId.TryNormalize(requested, out var paperId))
        {
            return ApiProblems.InvalidPaperId(requested);
        }

        var outcome = await comments.PostAsync(paperId, context.User, request?.Text, request?.ParentId, cancellationToken);
        return outcome.Comment is { } comment
            ? TypedResults.Created($"/api/papers/{paperId}/comments#comment-{comment.Id}", CommentResponse.From(comment))
            : Problem(outcome);
    }

    public static async Task<IResult> EditAsync(long id, CommentRequest? request, HttpContext context, PaperComments comments, CancellationToken cancellationToken)
    {
        var outcome = await comments.EditAsync(id, context.User, request?.Text, cancellationToken);
        return outcome.Comment is { } comment ? TypedResults.Ok(CommentResponse.From(comment)) : Problem(outcome);
    }

    public static async Task<IResult> DeleteAsync(long id, HttpContext context, PaperComments comments, CancellationToken cancellationToken)
    {
        var outcome = await comments.DeleteAsync(id, context.User, cancellationToken);
        return outcome.Comment is not null ? TypedResults.NoContent() : Problem(outcome);
    }

    public static async Task<IResult> HideAsync(long id, HttpContext context, PaperComments comments, CancellationToken cancellationToken)
    {
        var outcome = await comments.HideAsync(id, context.User, cancellationToken);
        return outcome.Comment is not null ? TypedResults.NoContent() : Problem(outcome);
    }

    private static IResult Problem(CommentOutcome outcome) => outcome.Failure switch
    {
        CommentFailure.InvalidText => TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["text"] = [outcome.Message!] }, title: "Invalid comment"),
        CommentFailure.ParentNotFound => TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["parentId"] = [outcome.Message!] }, title: "Invalid comment"),
        CommentFailure.PaperNotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Paper not found", detail: outcome.Message),
        CommentFailure.CommentNotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Comment not found", detail: outcome.Message),
        CommentFailure.NotYours or CommentFailure.NotModerator => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: outcome.Message),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Comment deleted or hidden", detail: outcome.Message),
    };
}
