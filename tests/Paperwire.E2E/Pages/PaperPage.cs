using Microsoft.Playwright;

namespace Paperwire.E2E.Pages;

/// <summary>One paper: its title, facts, links and abstract.</summary>
public sealed class PaperPage(IPage page) : SitePage(page)
{
    public ILocator Abstract => Page.Locator("article.paper p.abstract");
}
