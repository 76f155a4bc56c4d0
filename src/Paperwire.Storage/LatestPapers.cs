using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Papers;

namespace Paperwire.Storage;

/// <summary>A feed day and how many papers it has.</summary>
public sealed record FeedDay(DateOnly Date, int Papers);

/// <summary>
/// What the home page and <c>/papers/new</c> read: the newest days of the daily feed, and the newest arXiv papers of
/// the catalog that are not in the feed (harvested, imported or the shipped sample).
/// </summary>
public sealed class LatestPapers(PaperwireDbContext db)
{
    /// <summary>The newest feed days that have papers, newest first, at most <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<FeedDay>> NewestFeedDaysAsync(int count, CancellationToken cancellationToken)
    {
        var days = await db.FeedEntries
            .GroupBy(f => f.FeedDate)
            .Select(g => new { Date = g.Key, Papers = g.Count() })
            .OrderByDescending(d => d.Date)
            .Take(count)
            .ToListAsync(cancellationToken);
        return [.. days.Select(d => new FeedDay(d.Date, d.Papers))];
    }

    /// <summary>Feed entries from <paramref name="from"/> to <paramref name="to"/> (both included): newest day first, each day by upvotes.</summary>
    public async Task<IReadOnlyList<FeedEntry>> FeedDaysAsync(DateOnly from, DateOnly to, int limit, CancellationToken cancellationToken) =>
        await db.FeedEntries.AsNoTracking()
            .Where(f => f.FeedDate >= from && f.FeedDate <= to)
            .OrderByDescending(f => f.FeedDate).ThenByDescending(f => f.Paper!.Upvotes).ThenBy(f => f.SubmittedAt).ThenBy(f => f.PaperId)
            .Take(limit)
            .Include(f => f.Paper!).ThenInclude(p => p.Organization)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

    /// <summary>
    /// arXiv papers of the catalog that are not in the daily feed and not withdrawn, newest paper date first.
    /// <paramref name="category"/>: a category (<c>cs.CL</c>) or an archive (<c>cs</c>, <c>astro-ph</c>), any of the paper's.
    /// </summary>
    public async Task<(IReadOnlyList<Paper> Papers, bool HasMore)> OutsideFeedAsync(string? category, int page, int limit, CancellationToken cancellationToken)
    {
        var papers = OutsideFeed();
        if (category is not null)
        {
            var archivePrefix = category + ".";
            papers = category.Contains('.', StringComparison.Ordinal)
                ? papers.Where(p => p.Categories.Contains(category))
                : papers.Where(p => p.Categories.Any(c => c == category || c.StartsWith(archivePrefix)));
        }

        var found = await papers
            .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Skip(page * limit)
            .Take(limit + 1)
            .Include(p => p.Organization)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return found.Count > limit ? (found[..limit], true) : (found, false);
    }

    /// <summary>The primary categories of the newest <paramref name="sample"/> papers outside the feed, most papers first.</summary>
    public async Task<IReadOnlyList<(string Category, int Papers)>> OutsideFeedCategoriesAsync(int sample, CancellationToken cancellationToken)
    {
        var categories = await OutsideFeed()
            .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Take(sample)
            .Select(p => p.Categories)
            .ToListAsync(cancellationToken);
        return [.. categories.Where(c => c.Count > 0)
            .CountBy(c => c[0], StringComparer.Ordinal)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key, c.Value))];
    }

    private IQueryable<Paper> OutsideFeed() => db.Papers.AsNoTracking()
        .Where(p => p.FeedEntry == null && !p.Withdrawn && !p.Id.StartsWith(PaperId.LocalPrefix));
}
