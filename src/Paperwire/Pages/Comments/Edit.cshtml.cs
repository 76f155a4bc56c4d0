using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Community.Comments;
using Paperwire.Hosting;

namespace Paperwire.Pages.Comments;

/// <summary><c>/comments/{id}/edit</c>: edit your own comment (a plain form, no script).</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Comments)]
public sealed class EditCommentModel(PaperComments comments) : PageModel
{
    public long Id { get; private set; }

    public string Text { get; private set; } = "";

    public string BackPath { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var outcome = await comments.FindOwnAsync(id, User, cancellationToken);
        if (outcome.Comment is not { } comment)
        {
            return this.Refused(outcome);
        }

        Id = id;
        Text = comment.Markdown;
        BackPath = PaperLinks.PagePath(comment.PaperId) + "#" + CommentPages.Anchor(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string? text, CancellationToken cancellationToken)
    {
        var outcome = await comments.EditAsync(id, User, text, cancellationToken);
        return outcome.Comment is { } comment ? this.BackToComment(comment.PaperId, id) : this.Refused(outcome);
    }
}
