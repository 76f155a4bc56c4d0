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
        return [.. rows.Select(row => new IndexedPaper(
            row.Paper.Id,
            row.Paper.Title,
            row.Paper.Summary,
            [.. row.Paper.Authors.Where(a => !a.Hidden).Select(a => a.Name)],
            row.Paper.Categories,
            DateOnly.FromDateTime(row.Paper.PublishedAt.UtcDateTime),
            row.Paper.OrganizationName,
            row.InFeed,
            row.Paper.Withdrawn,
            row.Paper.ChangeSequence))];
    }

    /// <summary>How many papers changed after <paramref name="sequence"/> (for progress bars).</summary>
    public Task<int> CountAfterAsync(long sequence, CancellationToken cancellationToken) =>
        db.Papers.CountAsync(p => p.ChangeSequence > sequence, cancellationToken);
}
