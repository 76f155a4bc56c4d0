using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Avatars;
using Paperwire.Community;
using Paperwire.Community.Collections;
using Paperwire.Core;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Pages;

/// <summary>
/// <c>/orgs/{name}/logo</c>: the organization's admins (members a site admin made admins of it) and site admins upload
/// its logo (PNG, JPEG or WebP) or remove it.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Uploads)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadedFile.FormLimit)]
public sealed class OrgLogoModel(AvatarStore avatars, PaperCatalog catalog) : PageModel
{
    public Organization Organization { get; private set; } = null!;

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name, bool? saved, bool? removed, CancellationToken cancellationToken)
    {
        if (await AllowedAsync(name, cancellationToken) is { } refused)
        {
            return refused;
        }

        Message = saved == true ? "The logo is saved." : removed == true ? "The logo is removed." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(string name, IFormFile? image, CancellationToken cancellationToken)
    {
        if (await AllowedAsync(name, cancellationToken) is { } refused)
        {
            return refused;
        }

        Error = await avatars.SetLogoAsync(Organization.Name, await UploadedFile.ReadAsync(image, cancellationToken), cancellationToken);
        if (Error is null)
        {
            return RedirectToPage(new { name, saved = true });
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string name, CancellationToken cancellationToken)
    {
        if (await AllowedAsync(name, cancellationToken) is { } refused)
        {
            return refused;
        }

        await avatars.RemoveLogoAsync(Organization.Name, cancellationToken);
        return RedirectToPage(new { name, removed = true });
    }

    private async Task<IActionResult?> AllowedAsync(string name, CancellationToken cancellationToken)
    {
        var organization = Handle.IsValid(name) ? await catalog.FindOrganizationAsync(name, cancellationToken) : null;
        if (organization is null)
        {
            return this.NotFoundPage($"There is no organization called “{Api.ApiProblems.Shorten(name)}”.");
        }

        if (!await avatars.MayChangeLogoAsync(organization.Name, HttpContext.UserId(), User.IsInRole(Roles.Admin), cancellationToken))
        {
            return this.FailurePage(Outcome.Forbidden($"Only the admins of {organization.FullName} can change its logo."));
        }

        Organization = organization;
        return null;
    }
}
