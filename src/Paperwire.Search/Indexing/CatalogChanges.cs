using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;

namespace Paperwire.Search.Indexing;

/// <summary>Reads the catalog in change-sequence order: what the indexes have not seen yet.</summary>
public sealed class CatalogChanges(PaperwireDbContext db)
{
    /// <summary>
    /// Up to <paramref name="count"/> papers changed after <paramref name="sequence"/> (and no later than
    /// <paramref name="through"/>, when given), oldest change first.
    /// </summary>
    public async Task<IReadOnlyList<IndexedPaper>> AfterAsync(long sequence, int count, CancellationToken cancellationToken, long through = long.MaxValue)
    {
        var rows = await db.Papers
            .AsNoTracking()
            .Where(p => p.ChangeSequence > sequence && p.ChangeSequence <= through)
            .OrderBy(p => p.ChangeSequence)
            .Take(count)
            .Select(p => new { Paper = p, InFeed = p.FeedEntry != null })
            .ToListAsync(cancellationToken);
        var papers = rows.Select(row => new IndexedPaper(
            row.Paper.Id,
            row.Paper.Title,
            row.Paper.Summary,
            [.. row.Paper.Authors.Where(a => !a.Hidden).Select(a => a.Name)],
            row.Paper.Categories,
            DateOnly.FromDateTime(row.Paper.PublishedAt.UtcDateTime),
            row.Paper.OrganizationName,
            row.InFeed,
            row.Paper.Withdrawn,
            row.Paper.ChangeSequence));

        // A retired id (a local paper now known by its arXiv id) has no row left; its alias carries the change, and
        // reads as withdrawn so that the indexes drop it.
        var retired = await db.PaperAliases
            .AsNoTracking()
            .Where(a => a.ChangeSequence > sequence && a.ChangeSequence <= through)
            .OrderBy(a => a.ChangeSequence)
            .Take(count)
            .Select(a => new { a.Alias, a.ChangeSequence })
            .ToListAsync(cancellationToken);
        var gone = retired.Select(a => new IndexedPaper(a.Alias, "", "", [], [], default, null, InDailyFeed: false, Withdrawn: true, a.ChangeSequence, Retired: true));
        return [.. papers.Concat(gone).OrderBy(p => p.ChangeSequence).Take(count)];
    }

    /// <summary>How many papers changed after <paramref name="sequence"/> (for progress bars).</summary>
    public async Task<int> CountAfterAsync(long sequence, CancellationToken cancellationToken) =>
        await db.Papers.CountAsync(p => p.ChangeSequence > sequence, cancellationToken)
        + await db.PaperAliases.CountAsync(a => a.ChangeSequence > sequence, cancellationToken);
}
