using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Feed;
using Paperwire.Core.Papers;
using Paperwire.Storage;

namespace Paperwire.Digests;

/// <summary>
/// The papers of one period's daily feed in trending order, loaded once per run and shared by every subscriber.
/// Trending is scored at the end of the period, not at sending time, so a digest composed again after a crash
/// lists the same papers in the same order.
/// </summary>
public sealed class PeriodPapers
{
    private PeriodPapers(DigestPeriod period, IReadOnlyList<Paper> trending)
    {
        Period = period;
        Trending = trending;
        Ids = trending.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
    }

    public DigestPeriod Period { get; }

    public IReadOnlyList<Paper> Trending { get; }

    public IReadOnlySet<string> Ids { get; }

    public static async Task<PeriodPapers> LoadAsync(PaperwireDbContext db, DigestPeriod period, CancellationToken cancellationToken)
    {
        var scoredAt = new DateTimeOffset(period.End.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var entries = await db.FeedEntries.AsNoTracking()
            .Where(f => f.FeedDate >= period.Start && f.FeedDate < period.End && !f.Paper!.Withdrawn)
            .Include(f => f.Paper)
            .ToListAsync(cancellationToken);
        var trending = entries
            .OrderByDescending(f => TrendingScore.Compute(f.Paper!.Upvotes, f.SubmittedAt, scoredAt))
            .ThenBy(f => f.PaperId, StringComparer.Ordinal)
            .Select(f => f.Paper!)
            .ToList();
        return new PeriodPapers(period, trending);
    }
}
