using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Community;
using Paperwire.Community.Collections;
using Paperwire.Core.Papers;
using Paperwire.ForYou;
using Paperwire.Hosting;

namespace Paperwire.Pages.ForYou;

/// <summary>
/// <c>POST /papers/not-interested?id=…</c>: the "Not interested" button of a card (antiforgery checked by Razor
/// Pages). <c>undo=true</c> takes the mark back, so the card's undo is the same form. Then back to where the reader was.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Votes)]
public sealed class NotInterestedModel(ReaderInterests interests) : PageModel
{
    /// <summary>A reader sent to sign in from the form comes back here by GET: show them where they were.</summary>
    public IActionResult OnGet(string? returnUrl) => LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/for-you");

    public async Task<IActionResult> OnPostAsync(string? id, bool undo, string? returnUrl, CancellationToken cancellationToken)
    {
        if (!PaperId.TryNormalize(id, out var paperId))
        {
            return this.BadRequestPage($"“{Api.ApiProblems.Shorten(id)}” is not a paper id. Paper ids look like 2504.05299 or hep-th/9901001.");
        }

        var outcome = await interests.SetNotInterestedAsync(HttpContext.UserId(), paperId, !undo, cancellationToken);
        if (!outcome.Succeeded)
        {
            return this.FailurePage(outcome.Status);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : PaperLinks.PagePath(paperId));
    }
}
