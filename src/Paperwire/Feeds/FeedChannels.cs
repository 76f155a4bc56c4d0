using Paperwire.Core;
using Paperwire.Core.Feed;
using Paperwire.Storage;

namespace Paperwire.Feeds;

/// <summary>
/// Builds the channels the syndication feeds serve, from the same queries as the pages. A channel is dated by its
/// newest item; an empty one by the end of its window once that has passed (nothing entered it before then) and
/// otherwise by the time it was built (it is empty as of then).
/// </summary>
public sealed class FeedChannels(DailyFeed feed, PaperCatalog catalog, TimeProvider clock)
{
    public const int MaxItems = FeedQuery.MaxLimit;

    public async Task<FeedChannel> LatestAsync(CancellationToken cancellationToken)
    {
        var latest = await feed.LatestDateAsync(cancellationToken);
        return latest is { } date
            ? await WindowAsync(FeedWindow.Day(date), cancellationToken) with { Title = "Paperwire: latest papers", PagePath = "/" }
            : new FeedChannel("Paperwire: latest papers", "The daily feed is empty.", "/", [], clock.GetUtcNow());
    }

    public async Task<FeedChannel> WindowAsync(FeedWindow window, CancellationToken cancellationToken)
    {
        var page = await feed.ReadAsync(new FeedQuery(window, Limit: MaxItems), cancellationToken);
        var end = new DateTimeOffset(window.End.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var now = clock.GetUtcNow();
        List<Core.Papers.Paper> papers = [.. page.Entries.Select(e => e.Paper!)];
        return new FeedChannel(
            $"Paperwire: papers of {window.Title}",
            $"Papers submitted to the daily feed in {window.Title}, most upvoted first.",
            WindowPaths.PagePath(window),
            papers,
            FeedChannel.Newest(papers, end < now ? end : now));
    }

    public async Task<FeedChannel?> OrganizationAsync(string name, CancellationToken cancellationToken)
    {
        var organization = Handle.IsValid(name) ? await catalog.FindOrganizationAsync(name, cancellationToken) : null;
        if (organization is null)
        {
            return null;
        }

        var papers = await catalog.ListByOrganizationAsync(name, 0, MaxItems, cancellationToken);
        return new FeedChannel(
            $"Paperwire: papers from {organization.FullName}",
            $"Papers linked to {organization.FullName}, newest first.",
            PaperLinks.OrganizationPath(name),
            papers.Papers,
            FeedChannel.Newest(papers.Papers, clock.GetUtcNow()));
    }
}
