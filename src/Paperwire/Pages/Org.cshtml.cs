using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Paperwire.Core;
using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Pages;

/// <summary><c>/orgs/{name}</c>: an organization's papers, newest first.</summary>
[OutputCache(PolicyName = FeedCache.Pages)]
public sealed class OrgModel(PaperCatalog catalog, Avatars.AvatarStore avatars) : PageModel
{
    public const int PageSize = 50;

    public Organization Organization { get; private set; } = null!;

    public IReadOnlyList<Paper> Papers { get; private set; } = [];

    public string? MoreUrl { get; private set; }

    /// <summary>Signed in as a site admin or an admin of the organization (such requests are never output-cached).</summary>
    public bool CanChangeLogo { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name, string? p, CancellationToken cancellationToken)
    {
        var page = 0;
        if (p is not null && (!int.TryParse(p, out page) || page < 0 || page > Api.DailyPapersRequest.MaxPage))
        {
            return this.BadRequestPage("The page number must be a whole number from 0.");
        }

        var organization = Handle.IsValid(name) ? await catalog.FindOrganizationAsync(name, cancellationToken) : null;
        if (organization is null)
        {
            return this.NotFoundPage($"There is no organization called “{Api.ApiProblems.Shorten(name)}”.");
        }

        Organization = organization;
        CanChangeLogo = User.Identity?.IsAuthenticated == true && await avatars.MayChangeLogoAsync(
            organization.Name, Community.CommunityWrites.UserId(HttpContext), User.IsInRole(Core.Community.Roles.Admin), cancellationToken);
        (Papers, var hasMore) = await catalog.ListByOrganizationAsync(name, page, PageSize, cancellationToken);
        MoreUrl = hasMore ? $"{PaperLinks.OrganizationPath(name)}?p={page + 1}" : null;
        ViewData[FeedLinks.ViewDataKey] = FeedLinks.ForOrganization(organization.Name, organization.FullName);
        return Page();
    }
}
