using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperwire.Community;
using Paperwire.Community.Collections;
using Paperwire.Community.Organizations;
using Paperwire.Core.Community;

namespace Paperwire.Pages.Admin;

/// <summary><c>/admin/organizations</c>: create and edit organizations, manage members, link papers (admins only).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class OrganizationsModel(OrganizationService organizations) : PageModel
{
    public IReadOnlyList<OrganizationView> Organizations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Organizations = await organizations.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(string? name, string? fullName, string? avatarUrl, bool create, CancellationToken cancellationToken) =>
        Done((await organizations.SaveAsync(name, fullName, avatarUrl, create, cancellationToken)).Status);

    public async Task<IActionResult> OnPostMemberAsync(string? name, string? userName, bool remove, CancellationToken cancellationToken) =>
        Done(await organizations.SetMemberAsync(name ?? "", userName ?? "", member: !remove, cancellationToken));

    public async Task<IActionResult> OnPostAdminAsync(string? name, string? userName, bool admin, CancellationToken cancellationToken) =>
        Done(await organizations.SetAdminAsync(name ?? "", userName ?? "", admin, cancellationToken));

    public async Task<IActionResult> OnPostLinkAsync(string? paper, string? name, CancellationToken cancellationToken) =>
        Done((await organizations.LinkPaperAsync(HttpContext.UserId(), User.Identity!.Name!, isAdmin: true, paper, name, cancellationToken)).Status);

    private IActionResult Done(Outcome outcome) => outcome.Succeeded ? RedirectToPage() : this.FailurePage(outcome);
}
