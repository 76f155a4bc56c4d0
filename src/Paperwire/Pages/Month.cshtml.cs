using Microsoft.AspNetCore.OutputCaching;
using Paperwire.Core.Feed;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Pages;

/// <summary><c>/papers/month/KEY</c>: one month of the daily feed, most upvoted first.</summary>
[OutputCache(PolicyName = FeedCache.Pages)]
[Paperwire.SignedIn.ReaderTemplate]
public sealed class MonthModel(DailyFeed feed, FeedWindowViews views) : FeedWindowPage(feed, views)
{
    protected override FeedWindowKind Kind => FeedWindowKind.Month;

    protected override string Expected => "a month like 2025-04";

    protected override bool TryParse(string key, out FeedWindow window) => FeedWindow.TryParseMonth(key, out window);
}
