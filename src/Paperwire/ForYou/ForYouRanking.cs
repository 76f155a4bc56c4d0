using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Papers;
using Paperwire.Recommend.Ranking;
using Paperwire.Recommend.Signals;
using Paperwire.Storage;

namespace Paperwire.ForYou;

/// <summary>A recommended catalog paper (organization and feed entry loaded) and why.</summary>
public sealed record ForYouItem(Paper Paper, RecommendationReason Reason);

/// <summary>
/// One page of a reader's ranking. <see cref="NeedsInterests"/>: the reader has no positive and no follow yet, so
/// there is nothing to rank by (For you then asks for a few). <see cref="Window"/> is null for an empty catalog.
/// </summary>
public sealed record ForYouPage(IReadOnlyList<ForYouItem> Items, bool NeedsInterests, CandidateWindow? Window);

/// <summary>
/// A reader's ranking: their signals from the database, the shared candidate pool of the window, their cached
/// model (trained again when the signals version moved), ranked by <see cref="Recommender"/>. Withdrawn papers and
/// papers the reader upvoted, collected, wrote or dismissed never appear.
/// </summary>
public sealed class ForYouRanking(PaperwireDbContext db, ReaderSignalsQuery signalsQuery, CandidatePools pools, ReaderModels models, Recommender recommender)
{
    /// <summary>Candidates of one window at most, newest first: a month of a busy harvest, and ranking stays within milliseconds.</summary>
    public const int MaxCandidates = 50_000;

    public async Task<IReadOnlyList<ForYouItem>> RecommendAsync(string userId, CandidateWindow? requested, int page, int limit, CancellationToken cancellationToken) =>
        (await RankAsync(userId, requested, page, limit, cancellationToken)).Items;

    /// <summary>The reader's ranking of <paramref name="requested"/> (default: the catalog's latest 7 paper dates).</summary>
    public async Task<ForYouPage> RankAsync(string userId, CandidateWindow? requested, int page, int limit, CancellationToken cancellationToken)
    {
        var signals = await signalsQuery.ReadAsync(userId, cancellationToken);
        var window = requested ?? (await NewestPaperDateAsync(cancellationToken) is { } newest ? CandidateWindow.EndingAt(newest) : null);
        if (signals.IsEmpty || window is null)
        {
            return new ForYouPage([], signals.IsEmpty, window);
        }

        var pool = (await pools.GetAsync(window, w => CandidatesAsync(w, cancellationToken))).Pool;
        var model = models.For(userId, signals, pool);
        var ranked = recommender.Recommend(signals, model, pool, (page + 1) * limit).Skip(page * limit).ToList();

        // The papers as they are now: one withdrawn since the pool was gathered is dropped here.
        var ids = ranked.Select(r => r.Paper.Id).ToList();
        var papers = await db.Papers.AsNoTracking().Include(p => p.Organization).Include(p => p.FeedEntry)
            .Where(p => ids.Contains(p.Id) && !p.Withdrawn)
            .ToDictionaryAsync(p => p.Id, StringComparer.Ordinal, cancellationToken);
        var items = ranked.Where(r => papers.ContainsKey(r.Paper.Id)).Select(r => new ForYouItem(papers[r.Paper.Id], r.Reason)).ToList();
        return new ForYouPage(items, NeedsInterests: false, window);
    }

    /// <summary>The newest paper date of the catalog (not today: a catalog harvested last week still has a "this week").</summary>
    public async Task<DateOnly?> NewestPaperDateAsync(CancellationToken cancellationToken)
    {
        var newest = await db.Papers.Where(p => !p.Withdrawn).OrderByDescending(p => p.PublishedAt).Select(p => (DateTimeOffset?)p.PublishedAt).FirstOrDefaultAsync(cancellationToken);
        return newest is { } date ? DateOnly.FromDateTime(date.UtcDateTime) : null;
    }

    /// <summary>
    /// <paramref name="window"/>, or, when it holds fewer than <paramref name="minimum"/> papers that are not withdrawn,
    /// the window with the same end that starts on the paper date of the <paramref name="minimum"/>-th newest paper up
    /// to that end (the oldest paper's when the catalog has fewer). Papers share dates, so the widened window may hold
    /// more; it holds at most the minimum plus one date's papers, so the pool stays small however far back it reaches.
    /// </summary>
    public async Task<CandidateWindow> WidenAsync(CandidateWindow window, int minimum, CancellationToken cancellationToken)
    {
        var end = new DateTimeOffset(window.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var upToEnd = db.Papers.Where(p => !p.Withdrawn && p.PublishedAt < end);
        var reach = await upToEnd.OrderByDescending(p => p.PublishedAt).Skip(Math.Max(0, minimum - 1)).Select(p => (DateTimeOffset?)p.PublishedAt).FirstOrDefaultAsync(cancellationToken)
            ?? await upToEnd.OrderBy(p => p.PublishedAt).Select(p => (DateTimeOffset?)p.PublishedAt).FirstOrDefaultAsync(cancellationToken);
        var from = reach is { } date ? DateOnly.FromDateTime(date.UtcDateTime) : window.From;
        return from < window.From ? window with { From = from } : window;
    }

    /// <summary>The categories most papers of <paramref name="window"/> are in, most first: what a new reader picks from.</summary>
    public async Task<IReadOnlyList<(string Category, int Papers)>> PopularCategoriesAsync(CandidateWindow window, int count, CancellationToken cancellationToken)
    {
        var candidates = await pools.GetAsync(window, w => CandidatesAsync(w, cancellationToken));
        return [.. candidates.Categories.Take(count)];
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
