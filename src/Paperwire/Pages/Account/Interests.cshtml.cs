using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Paperwire.Community;
using Paperwire.Community.Collections;
using Paperwire.Community.Votes;
using Paperwire.Core.Papers;
using Paperwire.Feeds;
using Paperwire.ForYou;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Pages.Account;

/// <summary>A collected paper as the page lists it: the collection it is in, and where that collection is.</summary>
public sealed record CollectedPaper(string PaperId, string Title, long CollectionId, string CollectionName, string CollectionPath, DateTimeOffset At);

/// <summary>
/// <c>/account/interests</c>: every signal the reader's For-you ranking learns from, each removable where the reader
/// owns the decision (an upvote, a collection item, a not-interested mark, a follow; a verified authorship is an
/// admin's), the choice to show follows on the public profile, and the private feed's address. Only its owner sees it.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.Votes)]
public sealed class InterestsModel(
    InterestsExporter exporter,
    PaperwireDbContext db,
    PaperVotes votes,
    CollectionService collections,
    ReaderInterests interests,
    ReaderProfiles profiles,
    PrivateFeedSecrets feedSecrets,
    PublicAddress address) : PageModel
{
    /// <summary>What the page says after a change; the query only picks one of these, so nothing it says comes from the URL.</summary>
    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["unvoted"] = "The upvote is removed.",
        ["uncollected"] = "The paper is removed from the collection.",
        ["removed"] = "Removed: your ranking no longer uses it.",
        ["profile"] = "Saved.",
        ["feed-off"] = "Your private feed is turned off: its address no longer answers.",
    };

    public InterestsExport Export { get; private set; } = null!;

    public IReadOnlyList<CollectedPaper> Collected { get; private set; } = [];

    public bool ShowFollowsOnProfile { get; private set; }

    public bool HasFeed { get; private set; }

    /// <summary>The feed addresses, set only on the answer to the form that made the secret (it is not stored).</summary>
    public IReadOnlyList<(FeedFormat Format, string Url)>? NewFeedUrls { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Message = done is not null ? Messages.GetValueOrDefault(done) : null;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostUnvoteAsync(string? paper, CancellationToken cancellationToken)
    {
        if (!PaperId.TryNormalize(paper, out var paperId))
        {
            return this.BadRequestPage($"“{Api.ApiProblems.Shorten(paper)}” is not a paper id.");
        }

        // Checked first so that a stale or forged form answers 404 rather than "done": nothing was removed.
        if (!await db.Votes.AnyAsync(v => v.UserId == HttpContext.UserId() && v.PaperId == paperId, cancellationToken))
        {
            return this.NotFoundPage($"You have not upvoted paper {paperId}.");
        }

        await votes.SetAsync(HttpContext.UserId(), paperId, upvoted: false, cancellationToken);
        return Done("unvoted");
    }

    public async Task<IActionResult> OnPostUncollectAsync(long collection, string? paper, CancellationToken cancellationToken)
    {
        var outcome = await collections.RemoveItemAsync(HttpContext.UserId(), collection, paper, cancellationToken);
        return outcome.Succeeded ? Done("uncollected") : this.FailurePage(outcome.Status);
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken cancellationToken) =>
        await interests.RemoveSignalAsync(HttpContext.UserId(), id, cancellationToken)
            ? Done("removed")
            : this.NotFoundPage("You have no follow or not-interested mark with that number; it may be removed already.");

    public async Task<IActionResult> OnPostProfileAsync(bool show, CancellationToken cancellationToken)
    {
        await profiles.SetShowFollowsAsync(HttpContext.UserId(), show, cancellationToken);
        return Done("profile");
    }

    public async Task<IActionResult> OnPostCreateFeedAsync(CancellationToken cancellationToken)
    {
        var secret = await feedSecrets.CreateAsync(HttpContext.UserId(), cancellationToken);
        var baseUri = address.BaseFor(Request);
        NewFeedUrls = [.. Enum.GetValues<FeedFormat>().Select(f => (f, new Uri(baseUri, PrivateFeed.Path(secret, f).TrimStart('/')).AbsoluteUri))];
        await LoadAsync(cancellationToken);
        // The page holds a credential: no cache, no copy anywhere but this screen.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync(CancellationToken cancellationToken)
    {
        await feedSecrets.RevokeAsync(HttpContext.UserId(), cancellationToken);
        return Done("feed-off");
    }

    /// <summary>Where a followed name leads: arXiv's listing of a category, the organization's page, a search for an author.</summary>
    public static string FollowLink(string kind, string name) => kind switch
    {
        "category" => $"https://arxiv.org/list/{Uri.EscapeDataString(name)}/recent",
        "organization" => PaperLinks.OrganizationPath(name),
        _ => "/search?mode=keyword&q=" + Uri.EscapeDataString(name),
    };

    private RedirectToPageResult Done(string message) => RedirectToPage(new { done = message });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var userId = HttpContext.UserId();
        Export = await exporter.ReadAsync(userId, cancellationToken);
        // The export names a collection item by its remove request; the page shows the collection itself.
        var items = await db.CollectionItems
            .Join(db.Collections.Where(c => c.OwnerId == userId), i => i.CollectionId, c => c.Id, (i, c) => new { i.PaperId, i.AddedAt, c.Id, c.Name, c.OwnerName, c.Slug })
            .Join(db.Papers, i => i.PaperId, p => p.Id, (i, p) => new { i.PaperId, p.Title, i.Id, i.Name, i.OwnerName, i.Slug, i.AddedAt })
            .OrderBy(i => i.AddedAt)
            .ToListAsync(cancellationToken);
        Collected = [.. items.Select(i => new CollectedPaper(i.PaperId, i.Title, i.Id, i.Name, CollectionPaths.PagePath(i.OwnerName, i.Slug), i.AddedAt))];
        ShowFollowsOnProfile = await profiles.ShowsFollowsAsync(userId, cancellationToken);
        HasFeed = await feedSecrets.HasFeedAsync(userId, cancellationToken);
    }
}
