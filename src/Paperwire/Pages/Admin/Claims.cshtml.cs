using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperwire.Community.Authorship;
using Paperwire.Community.Collections;
using Paperwire.Core.Community;

namespace Paperwire.Pages.Admin;

/// <summary><c>/admin/claims</c>: pending authorship claims, oldest first, to verify or reject (admins only).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class ClaimsModel(AuthorshipService authorship) : PageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<ClaimView> Pending { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Pending = await authorship.PendingAsync(PageSize, cancellationToken);

    public Task<IActionResult> OnPostVerifyAsync(long claimId, CancellationToken cancellationToken) => DecideAsync(claimId, verify: true, cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(long claimId, CancellationToken cancellationToken) => DecideAsync(claimId, verify: false, cancellationToken);

    private async Task<IActionResult> DecideAsync(long claimId, bool verify, CancellationToken cancellationToken)
    {
        var outcome = await authorship.DecideAsync(claimId, verify, User.Identity!.Name!, cancellationToken);
        return outcome.Succeeded ? RedirectToPage() : this.FailurePage(outcome.Status);
    }
}
