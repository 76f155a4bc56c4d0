using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Paperwire.Core.Feed;
using Paperwire.Feeds;
using Paperwire.Storage;

namespace Paperwire.Pages;

/// <summary>
/// Shared handler of the day, week and month pages: parse the key and render the window; without a key, redirect to
/// the period containing <c>?date=</c> (the pages' date picker, a plain GET form) or else to the latest.
/// </summary>
public abstract class FeedWindowPage(DailyFeed feed, FeedWindowViews views) : PageModel
{
    public FeedWindowView View { get; private set; } = null!;

    protected abstract FeedWindowKind Kind { get; }

    protected abstract string Expected { get; }

    protected abstract bool TryParse(string key, out FeedWindow window);

    public async Task<IActionResult> OnGetAsync(string? key, string? p, string? date, CancellationToken cancellationToken)
    {
        if (key is null && date is not null)
        {
            return FeedWindow.TryParseDay(date, out var day) && FeedWindow.TryContaining(Kind, day.Start) is { } picked
                ? Redirect(WindowPaths.PagePath(picked))
                : this.BadRequestPage($"“{Api.ApiProblems.Shorten(date)}” is not a date like 2025-04-07.");
        }

        if (key is null)
        {
            var latest = await feed.LatestDateAsync(cancellationToken);
            return latest is { } newest && FeedWindow.TryContaining(Kind, newest) is { } latestWindow ? Redirect(WindowPaths.PagePath(latestWindow)) : Redirect("/");
        }

        if (!TryParse(key, out var window))
        {
            return this.BadRequestPage($"“{Api.ApiProblems.Shorten(key)}” is not {Expected}.");
        }

        var page = 0;
        if (p is not null && (!int.TryParse(p, out page) || page < 0 || page > Api.DailyPapersRequest.MaxPage))
        {
            return this.BadRequestPage("The page number must be a whole number from 0.");
        }

        View = await views.BuildAsync(window, page, cancellationToken);
        ViewData["Title"] = View.Heading;
        ViewData[FeedLinks.ViewDataKey] = FeedLinks.ForWindow(window);
        return Page();
    }
}
