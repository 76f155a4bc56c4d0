using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Paperwire.Community;
using Paperwire.Community.Collections;
using Paperwire.Core.Community;
using Paperwire.Feeds;
using Paperwire.Hosting;

namespace Paperwire.Pages.Collections;

/// <summary>
/// <c>/collections/{owner}/{slug}</c>: a collection's papers in order, with notes. Public ones for everyone, private
/// ones for their owner only (anyone else gets the same 404 as for a collection that does not exist). The owner
/// also gets the forms to rename, describe, publish, delete, and to move, annotate and remove papers.
/// </summary>
[OutputCache(PolicyName = FeedCache.Pages)]
[EnableRateLimiting(RateLimits.Collections)]
public sealed class ViewModel(CollectionService collections) : PageModel
{
    public PaperCollection Collection { get; private set; } = null!;

    public bool IsOwner { get; private set; }

    public string FeedPath => CollectionPaths.FeedPath(Collection.OwnerName, Collection.Slug);

    public string PagePath => CollectionPaths.PagePath(Collection.OwnerName, Collection.Slug);

    public async Task<IActionResult> OnGetAsync(string? owner, string? slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(owner, slug, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (Collection.IsPublic)
        {
            ViewData[FeedLinks.ViewDataKey] = (IReadOnlyList<FeedLink>)[.. Enum.GetValues<FeedFormat>()
                .Select(f => new FeedLink(f, $"{Collection.Name} by {Collection.OwnerName} ({f})", $"{FeedPath}.{f.Extension()}"))];
        }

        return Page();
    }

    public Task<IActionResult> OnPostUpdateAsync(string? owner, string? slug, string? name, string? description, bool isPublic, CancellationToken cancellationToken) =>
        WriteAsync(owner, slug, id => collections.UpdateAsync(HttpContext.UserId(), id, new CollectionChange(name ?? "", description ?? "", isPublic), cancellationToken));

    public async Task<IActionResult> OnPostDeleteAsync(string? owner, string? slug, CancellationToken cancellationToken)
    {
        var result = await WriteAsync(owner, slug, id => collections.DeleteAsync(HttpContext.UserId(), id, cancellationToken));
        return result is LocalRedirectResult ? LocalRedirect("/collections/mine") : result;
    }

    /// <summary>Moves a paper to <paramref name="position"/> (1 is first, as the page numbers them) and sets its note.</summary>
    public Task<IActionResult> OnPostItemAsync(string? owner, string? slug, string? paper, int? position, string? note, CancellationToken cancellationToken) =>
        WriteAsync(owner, slug, id => collections.UpdateItemAsync(HttpContext.UserId(), id, paper, position - 1, note ?? "", cancellationToken));

    public Task<IActionResult> OnPostRemoveAsync(string? owner, string? slug, string? paper, CancellationToken cancellationToken) =>
        WriteAsync(owner, slug, id => collections.RemoveItemAsync(HttpContext.UserId(), id, paper, cancellationToken));

    private async Task<IActionResult?> LoadAsync(string? owner, string? slug, CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var collection = await collections.FindVisibleAsync(owner, slug, userId, cancellationToken);
        if (collection is null)
        {
            return this.NotFoundPage($"There is no collection “{Api.ApiProblems.Shorten(slug)}” by {Api.ApiProblems.Shorten(owner)}.");
        }

        Collection = collection;
        IsOwner = collection.OwnerId == userId;
        return null;
    }

    private async Task<IActionResult> WriteAsync(string? owner, string? slug, Func<long, Task<Outcome<PaperCollection>>> write)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        if (await LoadAsync(owner, slug, HttpContext.RequestAborted) is { } missing)
        {
            return missing;
        }

        var outcome = await write(Collection.Id);
        return outcome.Succeeded
            ? LocalRedirect(CollectionPaths.PagePath(Collection.OwnerName, Collection.Slug))
            : this.FailurePage(outcome.Status);
    }
}
