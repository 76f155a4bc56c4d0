using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Citations.Import;
using Paperwire.Community;
using Paperwire.Community.Collections;
using Paperwire.Core.Community;
using Paperwire.Hosting;

namespace Paperwire.Pages.Collections;

/// <summary>
/// <c>/collections/{owner}/{slug}/import</c>: the owner uploads a BibTeX or RIS file (a Zotero or Mendeley export) and
/// sees what became of each reference: matched and added, fetched from arXiv, or not found.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Collections)]
[RequestFormLimits(MultipartBodyLengthLimit = ReferenceFile.MaxBytes + (64 * 1024))]
[RequestSizeLimit(ReferenceFile.MaxBytes + (64 * 1024))]
public sealed class ImportModel(CollectionService collections, CollectionImport import) : PageModel
{
    public PaperCollection Collection { get; private set; } = null!;

    public ImportReport? Report { get; private set; }

    public string? Error { get; private set; }

    public string CollectionPath => CollectionPaths.PagePath(Collection.OwnerName, Collection.Slug);

    public async Task<IActionResult> OnGetAsync(string? owner, string? slug, CancellationToken cancellationToken) =>
        await LoadAsync(owner, slug, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string? owner, string? slug, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await LoadAsync(owner, slug, cancellationToken) is { } missing)
        {
            return missing;
        }

        byte[] bytes;
        if (file is null)
        {
            bytes = [];
        }
        else if (file.Length > ReferenceFile.MaxBytes)
        {
            return Failed(CollectionImport.TooLarge);
        }
        else
        {
            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        var outcome = await import.ImportAsync(HttpContext.UserId(), Collection.Id, bytes, cancellationToken);
        Report = outcome.Value;
        return outcome.Succeeded ? Page() : Failed(outcome.Status);
    }

    private PageResult Failed(Outcome outcome)
    {
        Error = outcome.Detail;
        Response.StatusCode = outcome.Status;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string? owner, string? slug, CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var collection = await collections.FindVisibleAsync(owner, slug, userId, cancellationToken);
        if (collection is null || collection.OwnerId != userId)
        {
            // Someone else's collection, public or not, has no import page for them.
            return this.NotFoundPage($"You have no collection “{Api.ApiProblems.Shorten(slug)}”.");
        }

        Collection = collection;
        ViewData["Title"] = $"Import into {collection.Name}";
        return null;
    }
}
