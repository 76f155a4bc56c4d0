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

    /// <summary>Opens <paramref name="path"/> and waits until its HTML is parsed (see <see cref="UntilParsedAsync"/>).</summary>
    public static async Task GoToAsync(IPage page, string path)
    {
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
        await UntilParsedAsync(page);
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

        await UntilParsedAsync(page);
    }

    /// <summary>
    /// Waits until the current document's HTML is parsed, asking the document (its readyState; the pages run no script
    /// that could hold it back) rather than awaiting Playwright's DOMContentLoaded or load event. On a busy machine
    /// Chromium sometimes reports a new page's DOMContentLoaded (even its load) before the commit of its navigation;
    /// Playwright drops it as a repeat of the old page's, the commit then clears the old page's, and a wait for it
    /// ran out after 30 s having seen only "load" and "networkidle".
    /// </summary>
    public static async Task UntilParsedAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => document.readyState !== 'loading'", null, new() { PollingInterval = 50 });
}
