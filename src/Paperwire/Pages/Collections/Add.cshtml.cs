using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Community;
using Paperwire.Community.Collections;
using Paperwire.Core.Papers;
using Paperwire.Hosting;

namespace Paperwire.Pages.Collections;

/// <summary><c>POST /collections/add?paper=…</c> with <c>collection</c> and <c>note</c>: the paper page's "Add to collection" form.</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Collections)]
public sealed class AddModel(CollectionService collections) : PageModel
{
    public IActionResult OnGet(string? paper) =>
        LocalRedirect(PaperId.TryNormalize(paper, out var paperId) ? PaperLinks.PagePath(paperId) : "/collections/mine");

    public async Task<IActionResult> OnPostAsync(string? paper, long collection, string? note, CancellationToken cancellationToken)
    {
        var outcome = await collections.AddItemAsync(HttpContext.UserId(), collection, paper, note, cancellationToken);
        if (!outcome.Succeeded)
        {
            return this.FailurePage(outcome.Status);
        }

        PaperId.TryNormalize(paper, out var paperId);
        return LocalRedirect(PaperLinks.PagePath(paperId) + "#collections");
    }
}
