using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Papers;
using Paperwire.Recommend.Ranking;
using Paperwire.Recommend.Signals;
using Paperwire.Storage;

namespace Paperwire.ForYou;

/// <summary>A recommended catalog paper (organization and feed entry loaded) and why.</summary>
public sealed record ForYouItem(Paper Paper, RecommendationReason Reason);

/// <summary>
/// A reader's ranking: their signals from the database, the shared candidate pool of the window, their cached
/// model (trained again when the signals version moved), ranked by <see cref="Recommender"/>. Withdrawn papers and
/// papers the reader upvoted, collected, wrote or dismissed never appear.
/// </summary>
public sealed class ForYouRanking(PaperwireDbContext db, ReaderSignalsQuery signalsQuery, CandidatePools pools, ReaderModels models, Recommender recommender)
{
    /// <summary>Candidates of one window at most, newest first: a month of a busy harvest, and ranking stays within milliseconds.</summary>
    public const int MaxCandidates = 50_000;

    public async Task<IReadOnlyList<ForYouItem>> RecommendAsync(string userId, CandidateWindow? requested, int page, int limit, CancellationToken cancellationToken)
    {
        var signals = await signalsQuery.ReadAsync(userId, cancellationToken);
        if (signals.IsEmpty || await DefaultAsync(requested, cancellationToken) is not { } window)
        {
            return [];
        }

        var pool = await pools.GetAsync(window, w => CandidatesAsync(w, cancellationToken));
        var model = models.For(userId, signals, pool);
        var ranked = recommender.Recommend(signals, model, pool, (page + 1) * limit).Skip(page * limit).ToList();

        // The papers as they are now: one withdrawn since the pool was gathered is dropped here.
        var ids = ranked.Select(r => r.Paper.Id).ToList();
        var papers = await db.Papers.AsNoTracking().Include(p => p.Organization).Include(p => p.FeedEntry)
            .Where(p => ids.Contains(p.Id) && !p.Withdrawn)
            .ToDictionaryAsync(p => p.Id, StringComparer.Ordinal, cancellationToken);
        return [.. ranked.Where(r => papers.ContainsKey(r.Paper.Id)).Select(r => new ForYouItem(papers[r.Paper.Id], r.Reason))];
    }

    private async Task<CandidateWindow?> DefaultAsync(CandidateWindow? requested, CancellationToken cancellationToken)
    {
        if (requested is not null)
        {
            return requested;
        }

        var newest = await db.Papers.Where(p => !p.Withdrawn).OrderByDescending(p => p.PublishedAt).Select(p => (DateTimeOffset?)p.PublishedAt).FirstOrDefaultAsync(cancellationToken);
        return newest is { } date ? CandidateWindow.EndingAt(DateOnly.FromDateTime(date.UtcDateTime)) : null;
    }

    private async Task<IReadOnlyList<CatalogPaper>> CandidatesAsync(CandidateWindow window, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(window.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(window.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var papers = await db.Papers.AsNoTracking()
            .Where(p => p.PublishedAt >= start && p.PublishedAt < end && !p.Withdrawn)
            .OrderByDescending(p => p.PublishedAt).ThenBy(p => p.Id)
            .Take(MaxCandidates)
            .ToListAsync(cancellationToken);
        return [.. papers.Select(ReaderSignalsQuery.ToCatalogPaper)];
    }
}
