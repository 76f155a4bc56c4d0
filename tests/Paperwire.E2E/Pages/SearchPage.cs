using Microsoft.Playwright;

namespace Paperwire.E2E.Pages;

/// <summary>The search results page (<c>/search</c>).</summary>
public sealed class SearchPage(IPage page) : SitePage(page)
{
    public ILocator Results => Page.Locator("ol.results > li");

    public ILocator Marks => Page.Locator("ol.results mark");

    public ILocator Notice => Page.Locator("p.notice");

    /// <summary>Types into the search box in the site header and presses Enter.</summary>
    public static async Task<SearchPage> FromHeaderAsync(SitePage from, string query)
    {
        var box = from.Page.GetByRole(AriaRole.Search).First.GetByRole(AriaRole.Searchbox);
        await box.FillAsync(query);
        // The navigation is awaited from before the key press (no window where it finishes unobserved), and only
        // until the results' HTML is parsed: the assertions that follow wait for what they need.
        var navigated = from.Page.WaitForURLAsync("**/search?**", new() { WaitUntil = WaitUntilState.Commit });
        await box.PressAsync("Enter");
        await navigated;
        await UntilParsedAsync(from.Page);
        return new SearchPage(from.Page);
    }

    public async Task ApplyFiltersAsync(string? category = null, bool inFeedOnly = false)
    {
        var form = Page.Locator("form.search-form");
        await form.Locator("details.filters summary").ClickAsync();
        if (category is not null)
        {
            await form.GetByLabel("Category").FillAsync(category);
        }

        if (inFeedOnly)
        {
            await form.GetByLabel("In the daily feed only").CheckAsync();
        }

        await ClickToNavigateAsync(form.GetByRole(AriaRole.Button, new() { Name = "Search" }));
    }
}
