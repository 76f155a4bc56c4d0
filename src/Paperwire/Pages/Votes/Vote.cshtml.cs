using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Community;
using Paperwire.Community.Votes;
using Paperwire.Core.Papers;
using Paperwire.Hosting;

namespace Paperwire.Pages.Votes;

/// <summary>
/// <c>POST /papers/vote?id=…</c>: the vote button's form (antiforgery checked by Razor Pages). <c>up=true</c> sets
/// the vote, <c>up=false</c> removes it, so a double click cannot undo itself. Then back to where the reader was.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Votes)]
public sealed class VoteModel(PaperVotes votes) : PageModel
{
    /// <summary>A reader sent to sign in from the form comes back here by GET: show them the paper.</summary>
    public IActionResult OnGet(string? id, string? returnUrl) =>
        LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : PaperId.TryNormalize(id, out var paperId) ? PaperLinks.PagePath(paperId) : "/");

    public async Task<IActionResult> OnPostAsync(string? id, bool up, string? returnUrl, CancellationToken cancellationToken)
    {
        if (!PaperId.TryNormalize(id, out var paperId))
        {
            return this.BadRequestPage($"“{Api.ApiProblems.Shorten(id)}” is not a paper id. Paper ids look like 2504.05299 or hep-th/9901001.");
        }

        if (await votes.SetAsync(HttpContext.UserId(), paperId, up, cancellationToken) is null)
        {
            return this.NotFoundPage($"No paper {paperId} is in the catalog, so it cannot be upvoted.");
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : PaperLinks.PagePath(paperId));
    }
}
