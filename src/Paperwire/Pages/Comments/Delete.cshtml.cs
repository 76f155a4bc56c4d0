using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Community.Comments;
using Paperwire.Hosting;

namespace Paperwire.Pages.Comments;

/// <summary><c>POST /comments/{id}/delete</c>: delete your own comment; its replies stay under "[deleted]".</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Comments)]
public sealed class DeleteCommentModel(PaperComments comments) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        var outcome = await comments.DeleteAsync(id, User, cancellationToken);
        return outcome.Comment is { } comment ? this.BackToComment(comment.PaperId, id) : this.Refused(outcome);
    }
}
