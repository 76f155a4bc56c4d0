using Microsoft.Playwright;

namespace Paperwire.E2E.Pages;

/// <summary>A day, week or month of the feed (the home page is the latest day): a heading, period tabs, cards, a pager.</summary>
public sealed class FeedPage(IPage page) : SitePage(page)
{
    public ILocator Cards => Page.Locator("article.card");

    public ILocator PreviousLink => Page.Locator("a[rel=prev]");

    public ILocator FirstPaperTitle => Cards.First.Locator("h3 a");

    /// <summary>One of the Daily / Weekly / Monthly tabs above the cards (not the header's links of the same names).</summary>
    public ILocator PeriodTab(string name) =>
        Page.GetByRole(AriaRole.Navigation, new() { Name = "Period" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public static async Task<FeedPage> OpenAsync(IPage page, string path)
    {
        await GoToAsync(page, path);
        return new FeedPage(page);
    }

    public async Task<FeedPage> GoToPreviousAsync()
    {
        await ClickToNavigateAsync(PreviousLink);
        return this;
    }

    /// <summary>Opens the first (most upvoted) paper; returns its page and the title the card showed.</summary>
    public async Task<(PaperPage Paper, string CardTitle)> OpenFirstPaperAsync()
    {
        var title = (await FirstPaperTitle.InnerTextAsync()).Trim();
        await ClickToNavigateAsync(FirstPaperTitle);
        return (new PaperPage(Page), title);
    }
}
