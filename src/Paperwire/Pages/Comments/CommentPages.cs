using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperwire.Community.Comments;

namespace Paperwire.Pages.Comments;

/// <summary>What the comment forms answer: back to the comment on its paper, or a friendly error page.</summary>
internal static class CommentPages
{
    public static string Anchor(long commentId) => "comment-" + commentId;

    public static IActionResult BackToComment(this PageModel page, string paperId, long commentId) =>
        new RedirectResult(PaperLinks.PagePath(paperId) + "#" + Anchor(commentId));

    public static IActionResult Refused(this PageModel page, CommentOutcome outcome) => outcome.Failure switch
    {
        CommentFailure.InvalidText or CommentFailure.ParentNotFound => page.BadRequestPage(outcome.Message!),
        CommentFailure.PaperNotFound or CommentFailure.CommentNotFound => page.NotFoundPage(outcome.Message!),
        CommentFailure.NotYours or CommentFailure.NotModerator => page.Fail(StatusCodes.Status403Forbidden, outcome.Message!),
        _ => page.Fail(StatusCodes.Status409Conflict, outcome.Message!),
    };

    private static StatusCodeResult Fail(this PageModel page, int status, string message)
    {
        page.HttpContext.Items[PageErrors.MessageKey] = message;
        return page.StatusCode(status);
    }
}

/// <summary>Who is reading a thread, for the buttons each comment gets.</summary>
public sealed record CommentViewer(string PaperId, string? UserId, bool IsModerator)
{
    public bool SignedIn => UserId is not null;
}

/// <summary>One comment of a thread as the page shows it.</summary>
public sealed record CommentItem(ThreadComment Thread, CommentViewer Viewer)
{
    public Core.Community.Comment Comment => Thread.Comment;

    public bool IsOwn => Viewer.UserId is { } id && id == Comment.UserId;
}
