using Microsoft.Playwright;

namespace Paperwire.E2E.Pages;

/// <summary>What every Paperwire page has: the site header's nav, one main heading, feed links in the head.</summary>
public class SitePage(IPage page)
{
    public IPage Page => page;

    public ILocator Heading => page.Locator("main h1");

    public ILocator Main => page.Locator("main");

    public ILocator RssLink => page.Locator("head link[rel=alternate][type='application/rss+xml']");

    public ILocator NavLink(string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Feed views" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>Follows a link in the site header ("Daily", "Weekly", "Monthly").</summary>
    public async Task<FeedPage> FollowNavAsync(string name)
    {
        await ClickToNavigateAsync(NavLink(name));
        return new FeedPage(page);
    }

    /// <summary>
    /// Clicks <paramref name="target"/> and waits for the navigation it starts, observed from before the click,
    /// until the new page's HTML is parsed. Awaiting the load state after the click raced with the navigation (a CI
    /// run timed out there); the assertions that follow wait for what they need.
    /// </summary>
    public async Task ClickToNavigateAsync(ILocator target)
    {
        var navigated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame)
            {
                navigated.TrySetResult();
            }
        }

        page.FrameNavigated += OnNavigated;
        try
        {
            await target.ClickAsync();
            await navigated.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            page.FrameNavigated -= OnNavigated;
        }

        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
