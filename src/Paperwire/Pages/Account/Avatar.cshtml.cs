using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Paperwire.Avatars;
using Paperwire.Community;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Pages.Account;

/// <summary><c>/account/avatar</c>: the signed-in member uploads a picture (PNG, JPEG or WebP) or goes back to initials.</summary>
[Authorize]
[EnableRateLimiting(RateLimits.Uploads)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadedFile.FormLimit)]
public sealed class AvatarModel(AvatarStore avatars, PaperwireDbContext db) : PageModel
{
    public string ImageUrl { get; private set; } = "";

    public bool HasUpload { get; private set; }

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(bool? saved, bool? removed, CancellationToken cancellationToken)
    {
        Message = saved == true ? "Your picture is saved." : removed == true ? "Your picture is removed; your initials show instead." : null;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? image, CancellationToken cancellationToken)
    {
        Error = await avatars.SetUserAvatarAsync(HttpContext.UserId(), await UploadedFile.ReadAsync(image, cancellationToken), cancellationToken);
        if (Error is null)
        {
            return RedirectToPage(new { saved = true });
        }

        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken)
    {
        await avatars.RemoveUserAvatarAsync(HttpContext.UserId(), cancellationToken);
        return RedirectToPage(new { removed = true });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = HttpContext.UserId();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.UserName, u.AvatarVersion }).FirstAsync(cancellationToken);
        ImageUrl = AvatarLinks.User(user.UserName!, user.AvatarVersion);
        HasUpload = user.AvatarVersion is not null;
    }
}
