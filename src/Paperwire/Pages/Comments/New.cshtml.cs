using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Community.Comments;
using Paperwire.Core.Papers;
using Paperwire.Hosting;

namespace Paperwire.Pages.Comments;

/// <summary><c>POST /comments/new</c>: the comment and reply forms on the paper page.</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Comments)]
public sealed class NewCommentModel(PaperComments comments) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(string? paperId, long? parentId, string? text, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return this.BadRequestPage("The comment form was not filled in as expected; go back and try again.");
        }

        if (!PaperId.TryNormalize(paperId, out var id))
        {
            return this.BadRequestPage($"“{Api.ApiProblems.Shorten(paperId)}” is not a paper id.");
        }

        var outcome = await comments.PostAsync(id, User, text, parentId, cancellationToken);
        return outcome.Comment is { } comment ? this.BackToComment(id, comment.Id) : this.Refused(outcome);
    }
}
