using Microsoft.AspNetCore.OutputCaching;
using Paperwire.Core.Feed;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Pages;

/// <summary><c>/papers/date/KEY</c>: one day of the daily feed, most upvoted first.</summary>
[OutputCache(PolicyName = FeedCache.Pages)]
[Paperwire.SignedIn.ReaderTemplate]
public sealed class DayModel(DailyFeed feed, FeedWindowViews views) : FeedWindowPage(feed, views)
{
    protected override FeedWindowKind Kind => FeedWindowKind.Day;

    protected override string Expected => "a date like 2025-04-07";

    protected override bool TryParse(string key, out FeedWindow window) => FeedWindow.TryParseDay(key, out window);
}
