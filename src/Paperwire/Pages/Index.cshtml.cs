using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Paperwire.Core.Feed;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Pages;

/// <summary>The home page: the latest day that has papers.</summary>
[OutputCache(PolicyName = FeedCache.Pages)]
public sealed class IndexModel(DailyFeed feed, FeedWindowViews views) : PageModel
{
    public FeedWindowView? View { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (await feed.LatestDateAsync(cancellationToken) is { } latest)
        {
            var window = FeedWindow.Day(latest);
            View = await views.BuildAsync(window, 0, cancellationToken);
            ViewData[FeedLinks.ViewDataKey] = FeedLinks.Latest;
        }
    }
}
