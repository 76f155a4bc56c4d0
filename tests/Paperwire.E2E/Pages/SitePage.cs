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
        await NavLink(name).ClickAsync();
        await page.WaitForLoadStateAsync();
        return new FeedPage(page);
    }
}
