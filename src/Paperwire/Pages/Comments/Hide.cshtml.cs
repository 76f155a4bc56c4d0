using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Community.Comments;
using Paperwire.Hosting;

namespace Paperwire.Pages.Comments;

/// <summary><c>POST /comments/{id}/hide</c>: moderators and admins hide a comment from everyone else.</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Comments)]
public sealed class HideCommentModel(PaperComments comments) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        var outcome = await comments.HideAsync(id, User, cancellationToken);
        return outcome.Comment is { } comment ? this.BackToComment(comment.PaperId, id) : this.Refused(outcome);
    }
}
