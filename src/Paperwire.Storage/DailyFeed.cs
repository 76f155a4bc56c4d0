using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Core.Feed;
using Paperwire.Core.Papers;

namespace Paperwire.Storage;

/// <summary>
/// One page of the daily feed; <see cref="HasMore"/> drives the API's <c>Link: rel="next"</c>.
/// <see cref="AuthorsParticipating"/> holds the ids of the page's papers that a verified author commented on.
/// </summary>
public sealed record FeedPage(IReadOnlyList<FeedEntry> Entries, bool HasMore)
{
    public IReadOnlySet<string> AuthorsParticipating { get; init; } = new HashSet<string>();

    /// <summary>
    /// Set when "trending" had nothing in the last <see cref="DailyFeed.TrendingHorizon"/>: the feed's newest day, which
    /// the ranking then counts from instead of now (a stale instance of any age still has a trending list).
    /// </summary>
    public DateOnly? TrendingAsOf { get; init; }
}

/// <summary>Reads the daily feed: windows of feed entries with their papers, ranked.</summary>
public sealed class DailyFeed(PaperwireDbContext db, TimeProvider clock)
{
    /// <summary>How far back "trending" looks when no window is given.</summary>
    public static readonly TimeSpan TrendingHorizon = TimeSpan.FromDays(14);

    public async Task<FeedPage> ReadAsync(FeedQuery query, CancellationToken cancellationToken)
    {
        var entries = Filter(query);
        if (query.Sort == FeedSort.Trending)
        {
            return await ReadTrendingAsync(entries, query, cancellationToken);
        }

        var ordered = (query.Sort, query.Window) switch
        {
            (FeedSort.PublishedAt, _) => entries.OrderByDescending(f => f.Paper!.PublishedAt).ThenBy(f => f.PaperId),
            // Without a window the feed reads like the site: newest day first, each day by upvotes.
            (_, null) => entries.OrderByDescending(f => f.FeedDate).ThenByDescending(f => f.Paper!.Upvotes).ThenBy(f => f.SubmittedAt).ThenBy(f => f.PaperId),
            _ => entries.OrderByDescending(f => f.Paper!.Upvotes).ThenBy(f => f.SubmittedAt).ThenBy(f => f.PaperId),
        };

        var page = await WithPapers(ordered)
            .Skip(query.Page * query.Limit)
            .Take(query.Limit + 1)
            .ToListAsync(cancellationToken);
        return await WithAuthorsAsync(ToPage(page, query.Limit), cancellationToken);
    }

    /// <summary>The most recent feed date that has papers, or null for an empty feed.</summary>
    public Task<DateOnly?> LatestDateAsync(CancellationToken cancellationToken) =>
        db.FeedEntries.MaxAsync(f => (DateOnly?)f.FeedDate, cancellationToken);

    /// <summary>The nearest earlier feed date that has papers, skipping empty days.</summary>
    public Task<DateOnly?> PreviousDateAsync(DateOnly before, CancellationToken cancellationToken) =>
        db.FeedEntries.Where(f => f.FeedDate < before).MaxAsync(f => (DateOnly?)f.FeedDate, cancellationToken);

    /// <summary>The nearest later feed date that has papers, skipping empty days.</summary>
    public Task<DateOnly?> NextDateAsync(DateOnly onOrAfter, CancellationToken cancellationToken) =>
        db.FeedEntries.Where(f => f.FeedDate >= onOrAfter).MinAsync(f => (DateOnly?)f.FeedDate, cancellationToken);

    private IQueryable<FeedEntry> Filter(FeedQuery query)
    {
        var entries = db.FeedEntries.AsNoTracking();
        if (query.Window is { } window)
        {
            entries = entries.Where(f => f.FeedDate >= window.Start && f.FeedDate < window.End);
        }

        if (query.Submitter is { } submitter)
        {
            entries = entries.Where(f => f.SubmittedBy == submitter);
        }

        if (query.Organization is { } organization)
        {
            entries = entries.Where(f => f.Paper!.OrganizationName == organization);
        }

        return entries;
    }

    private async Task<FeedPage> ReadTrendingAsync(IQueryable<FeedEntry> entries, FeedQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        DateOnly? asOf = null;
        if (query.Window is null)
        {
            var since = DateOnly.FromDateTime(now.UtcDateTime - TrendingHorizon);
            if (await LatestDateAsync(cancellationToken) is { } latest && latest < since)
            {
                // Nothing in the horizon: rank as if it were the end of the newest feed day.
                asOf = latest;
                now = new DateTimeOffset(latest.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                since = DateOnly.FromDateTime(now.UtcDateTime - TrendingHorizon);
            }

            entries = entries.Where(f => f.FeedDate >= since);
        }

        // A window holds at most a few thousand entries: score them in memory, then load one page.
        var candidates = await entries
            .Select(f => new { f.PaperId, f.SubmittedAt, f.Paper!.Upvotes })
            .ToListAsync(cancellationToken);
        var pageIds = candidates
            .OrderByDescending(c => TrendingScore.Compute(c.Upvotes, c.SubmittedAt, now))
            .ThenBy(c => c.PaperId, StringComparer.Ordinal)
            .Skip(query.Page * query.Limit)
            .Take(query.Limit + 1)
            .Select(c => c.PaperId)
            .ToList();
        var loaded = await WithPapers(db.FeedEntries.AsNoTracking().Where(f => pageIds.Contains(f.PaperId)))
            .ToDictionaryAsync(f => f.PaperId, cancellationToken);
        var page = await WithAuthorsAsync(ToPage([.. pageIds.Select(id => loaded[id])], query.Limit), cancellationToken);
        return page with { TrendingAsOf = asOf };
    }

    /// <summary>One query per page: which of its papers have a visible comment by a verified author of the paper.</summary>
    private async Task<FeedPage> WithAuthorsAsync(FeedPage page, CancellationToken cancellationToken)
    {
        if (page.Entries.Count == 0)
        {
            return page;
        }

        return page with { AuthorsParticipating = await AuthorsParticipatingAsync([.. page.Entries.Select(e => e.PaperId)], cancellationToken) };
    }

    /// <summary>Which of <paramref name="paperIds"/> have a visible comment by a verified author of the paper (one query).</summary>
    public async Task<IReadOnlySet<string>> AuthorsParticipatingAsync(IReadOnlyList<string> paperIds, CancellationToken cancellationToken)
    {
        if (paperIds.Count == 0)
        {
            return new HashSet<string>();
        }

        var participating = await db.Comments
            .Where(c => paperIds.Contains(c.PaperId) && c.DeletedAt == null && c.HiddenAt == null
                && db.AuthorshipClaims.Any(a => a.PaperId == c.PaperId && a.UserId == c.UserId && a.Status == ClaimStatus.Verified))
            .Select(c => c.PaperId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return participating.ToHashSet(StringComparer.Ordinal);
    }

    private static IQueryable<FeedEntry> WithPapers(IQueryable<FeedEntry> entries) => entries
        .Include(f => f.Paper!).ThenInclude(p => p.Organization)
        .AsSplitQuery();

    private static FeedPage ToPage(List<FeedEntry> page, int limit) =>
        page.Count > limit ? new(page[..limit], HasMore: true) : new(page, HasMore: false);
}
