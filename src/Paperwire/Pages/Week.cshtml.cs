using Microsoft.AspNetCore.OutputCaching;
using Paperwire.Core.Feed;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Pages;

/// <summary><c>/papers/week/KEY</c>: one week of the daily feed, most upvoted first.</summary>
[OutputCache(PolicyName = FeedCache.Pages)]
[Paperwire.SignedIn.ReaderTemplate]
public sealed class WeekModel(DailyFeed feed, FeedWindowViews views) : FeedWindowPage(feed, views)
{
    protected override FeedWindowKind Kind => FeedWindowKind.Week;

    protected override string Expected => "an ISO week like 2025-W15";

    protected override bool TryParse(string key, out FeedWindow window) => FeedWindow.TryParseWeek(key, out window);
}
