using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Paperwire.Core.Feed;
using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Pages;

/// <summary>One feed day on the home page: its papers, most upvoted first, and whether the day has more than shown.</summary>
public sealed record HomeDay(FeedDay Day, IReadOnlyList<Paper> Papers)
{
    public bool HasMore => Papers.Count < Day.Papers;
}

/// <summary>
/// The home page: the newest days of the daily feed, enough of them to fill a page (a busy day alone, a quiet feed
/// its last <see cref="MaximumDays"/> days), saying how old the newest is; then "New on arXiv", the newest catalog
/// papers outside the feed by category, so that harvested and imported papers show outside search too.
/// </summary>
[OutputCache(PolicyName = FeedCache.Pages)]
[Paperwire.SignedIn.ReaderTemplate]
public sealed class IndexModel(LatestPapers latest, TimeProvider clock) : PageModel
{
    /// <summary>Days are added, newest first, until the page has at least this many papers...</summary>
    public const int MinimumPapers = 10;

    /// <summary>...or this many days.</summary>
    public const int MaximumDays = 14;

    /// <summary>Papers on the page at most (a day busier than this links to its own page for the rest).</summary>
    public const int MaximumPapers = FeedQuery.MaxLimit;

    /// <summary>How many of the newest catalog papers outside the feed are grouped by category.</summary>
    public const int NewSample = 200;

    public const int NewCategories = 6;

    public const int NewPerCategory = 4;

    public IReadOnlyList<HomeDay> Days { get; private set; } = [];

    /// <summary>The feed day just before the ones shown, if any.</summary>
    public DateOnly? Earlier { get; private set; }

    /// <summary>Whole days from the newest feed day to today (0 when it is today).</summary>
    public int DaysSinceNewest { get; private set; }

    public IReadOnlyList<(string Category, IReadOnlyList<Paper> Papers)> NewOnArxiv { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ViewData[FeedLinks.ViewDataKey] = FeedLinks.Latest;
        var days = await latest.NewestFeedDaysAsync(MaximumDays + 1, cancellationToken);
        var shown = Fill(days);
        if (shown.Count > 0)
        {
            var entries = await latest.FeedDaysAsync(shown[^1].Date, shown[0].Date, MaximumPapers, cancellationToken);
            Days = [.. shown.Select(day => new HomeDay(day, [.. entries.Where(e => e.FeedDate == day.Date).Select(e => e.Paper!)]))];
            Earlier = days.Count > shown.Count ? days[shown.Count].Date : null;
            DaysSinceNewest = Math.Max(0, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).DayNumber - shown[0].Date.DayNumber);
        }

        var (newest, _) = await latest.OutsideFeedAsync(null, 0, NewSample, cancellationToken);
        NewOnArxiv = [.. newest.Where(p => p.Categories.Count > 0)
            .GroupBy(p => p.Categories[0], StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(NewCategories)
            .Select(g => (g.Key, (IReadOnlyList<Paper>)g.Take(NewPerCategory).ToList()))];
    }

    /// <summary>The newest days, each whole, until <see cref="MinimumPapers"/> or <see cref="MaximumDays"/> is reached.</summary>
    public static IReadOnlyList<FeedDay> Fill(IReadOnlyList<FeedDay> newestFirst)
    {
        var shown = new List<FeedDay>();
        var papers = 0;
        foreach (var day in newestFirst)
        {
            if (papers >= MinimumPapers || shown.Count == MaximumDays)
            {
                break;
            }

            shown.Add(day);
            papers += day.Papers;
        }

        return shown;
    }
}
