using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Community;
using Paperwire.Community.Collections;
using Paperwire.ForYou;
using Paperwire.Hosting;

namespace Paperwire.Pages.ForYou;

/// <summary>
/// <c>POST /for-you/follow</c>: the follow buttons of paper pages, organization pages and For you. <c>kind</c> is
/// category, organization or author; <c>follow=false</c> unfollows, so a double click cannot undo itself.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Votes)]
public sealed class FollowModel(ReaderInterests interests) : PageModel
{
    public IActionResult OnGet(string? returnUrl) => LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/for-you");

    public async Task<IActionResult> OnPostAsync(string? kind, string? name, bool follow, string? returnUrl, CancellationToken cancellationToken)
    {
        if (!FollowRules.TryParseKind(kind, out var signalKind))
        {
            return this.BadRequestPage($"“{Api.ApiProblems.Shorten(kind)}” is not something to follow: choose a category, an organization or an author.");
        }

        if (follow)
        {
            var outcome = await interests.FollowAsync(HttpContext.UserId(), signalKind, name, cancellationToken);
            if (!outcome.Succeeded)
            {
                return this.FailurePage(outcome.Status);
            }
        }
        else if (FollowRules.Check(signalKind, name, out var target) is { Succeeded: false } invalid)
        {
            return this.FailurePage(invalid);
        }
        else
        {
            await interests.UnfollowAsync(HttpContext.UserId(), signalKind, target, cancellationToken);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/for-you");
    }
}
