using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Community;
using Paperwire.Community.Collections;
using Paperwire.Core.Community;
using Paperwire.Hosting;

namespace Paperwire.Pages.Collections;

/// <summary><c>/collections/mine</c>: the signed-in user's collections, public and private, and a form to create one.</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Collections)]
public sealed class MineModel(CollectionService collections) : PageModel
{
    public IReadOnlyList<(PaperCollection Collection, int Count)> Collections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Collections = await collections.ListAsync(HttpContext.UserId(), includePrivate: true, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? name, string? description, bool isPublic, CancellationToken cancellationToken)
    {
        var outcome = await collections.CreateAsync(HttpContext.UserId(), User.Identity!.Name!, new CollectionChange(name, description, isPublic), cancellationToken);
        return outcome.Succeeded
            ? LocalRedirect(CollectionPaths.PagePath(outcome.Value!.OwnerName, outcome.Value.Slug))
            : this.FailurePage(outcome.Status);
    }
}
