using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Community;
using Paperwire.Community.Authorship;
using Paperwire.Community.Collections;
using Paperwire.Core.Papers;
using Paperwire.Hosting;

namespace Paperwire.Pages.Authorship;

/// <summary><c>POST /authorship/claim?id=…</c> with <c>authorIndex</c>: the "This is me" buttons of the paper page.</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Collections)]
public sealed class ClaimModel(AuthorshipService authorship) : PageModel
{
    public IActionResult OnGet(string? id) =>
        LocalRedirect(PaperId.TryNormalize(id, out var paperId) ? PaperLinks.PagePath(paperId) : "/");

    public async Task<IActionResult> OnPostAsync(string? id, int? authorIndex, CancellationToken cancellationToken)
    {
        var outcome = await authorship.ClaimAsync(HttpContext.UserId(), User.Identity!.Name!, id, authorIndex ?? -1, cancellationToken);
        return outcome.Succeeded
            ? LocalRedirect(PaperLinks.PagePath(outcome.Value!.PaperId) + "#authorship")
            : this.FailurePage(outcome.Status);
    }
}
