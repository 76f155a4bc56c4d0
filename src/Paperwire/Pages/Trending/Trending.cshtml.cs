using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Paperwire.Core.Feed;
using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Pages.Trending;

/// <summary>
/// <c>/papers/trending</c>: the last 14 days of the daily feed by <see cref="TrendingScore"/> (upvotes decayed by
/// age), the same ranking as <c>/api/daily_papers?sort=trending</c>. When nothing entered the feed in those 14 days,
/// the 14 days up to the feed's newest day, ranked as of that day, and the page says so.
/// </summary>
[OutputCache(PolicyName = FeedCache.Pages)]
[Paperwire.SignedIn.ReaderTemplate]
public sealed class TrendingModel(DailyFeed feed, TimeProvider clock) : PageModel
{
    public const int PageSize = FeedQuery.MaxLimit;

    public IReadOnlyList<Paper> Papers { get; private set; } = [];

    public int PageNumber { get; private set; }

    public string? MoreUrl { get; private set; }

    public string? PreviousUrl { get; private set; }

    /// <summary>The feed's newest day when nothing is recent enough: the list is trending as of then.</summary>
    public DateOnly? AsOf { get; private set; }

    /// <summary>Whole days from <see cref="AsOf"/> to today.</summary>
    public int DaysSinceAsOf { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? p, CancellationToken cancellationToken)
    {
        var page = 0;
        if (p is not null && (!int.TryParse(p, out page) || page < 0 || page > Api.DailyPapersRequest.MaxPage))
        {
            return this.BadRequestPage("The page number must be a whole number from 0.");
        }

        var result = await feed.ReadAsync(new FeedQuery(null, Sort: FeedSort.Trending, Page: page, Limit: PageSize), cancellationToken);
        Papers = [.. result.Entries.Select(e => e.Paper!)];
        PageNumber = page;
        AsOf = result.TrendingAsOf;
        DaysSinceAsOf = AsOf is { } asOf ? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).DayNumber - asOf.DayNumber : 0;
        MoreUrl = result.HasMore ? $"/papers/trending?p={page + 1}" : null;
        PreviousUrl = page == 0 ? null : page == 1 ? "/papers/trending" : $"/papers/trending?p={page - 1}";
        ViewData["Title"] = "Trending papers";
        return Page();
    }
}
