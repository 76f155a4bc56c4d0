using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Paperwire.E2E.Pages;

/// <summary>One paper of the For you ranking as the page shows it: its id (from the title's link), title and reason.</summary>
public sealed record RankedPaper(string Id, string Title, string Reason);

/// <summary>
/// <c>/for-you</c>: the interests a newcomer gives it (categories, papers picked from a search or pasted), the ranked
/// list with a reason per paper, and each card's upvote and "Not interested" buttons.
/// </summary>
public sealed class ForYouPage(IPage page) : SitePage(page)
{
    public ILocator Items => Page.Locator("ol.for-you-list > li");

    /// <summary>What a form post did ("Following eess.AS.", "Picked 2 papers: …").</summary>
    public ILocator Notices => Page.Locator("section.for-you > div.notice:not(.dismissed-notice)");

    public ILocator DismissedNotice => Page.Locator("div.dismissed-notice");

    /// <summary>The interests forms: open on a first visit, folded under "Add interests" afterwards.</summary>
    public ILocator Setup => Page.Locator("details.for-you-setup");

    public ILocator SetupHeading => Setup.Locator("summary h2");

    /// <summary>Follows the site header's "For you" link.</summary>
    public static async Task<ForYouPage> FromHeaderAsync(SitePage from)
    {
        await from.ClickToNavigateAsync(from.NavLink("For you"));
        return new ForYouPage(from.Page);
    }

    /// <summary>The list item of the paper titled <paramref name="title"/>.</summary>
    public ILocator Item(string title) =>
        Items.Filter(new() { Has = Page.Locator("article.card h3").GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });

    /// <summary>Ticks <paramref name="category"/> among the suggested categories and follows it.</summary>
    public async Task FollowSuggestedCategoryAsync(string category)
    {
        await OpenSetupAsync();
        var form = Setup.Locator("form[action*='handler=Categories']");
        await form.Locator($"input[name=category][value='{category}']").CheckAsync();
        await ClickToNavigateAsync(form.GetByRole(AriaRole.Button, new() { Name = "Follow", Exact = true }));
    }

    /// <summary>Searches the catalog for papers to pick ("Find papers"): the results come back as checkboxes.</summary>
    public async Task SearchPapersToPickAsync(string words)
    {
        await OpenSetupAsync();
        var search = Setup.GetByRole(AriaRole.Search);
        await search.GetByLabel("Find papers").FillAsync(words);
        await ClickToNavigateAsync(search.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }));
    }

    /// <summary>Ticks the search results titled <paramref name="titles"/>, pastes <paramref name="pasted"/> and picks them all.</summary>
    public async Task PickAsync(IEnumerable<string> titles, string pasted = "")
    {
        var form = Setup.Locator("form[action*='handler=Papers']");
        foreach (var title in titles)
        {
            await form.Locator("ul.pick-list label", new() { HasText = title }).Locator("input[name=pick]").CheckAsync();
        }

        await form.GetByLabel("Or paste arXiv ids or addresses, one per line").FillAsync(pasted);
        await ClickToNavigateAsync(form.GetByRole(AriaRole.Button, new() { Name = "Pick these papers" }));
    }

    // With script both change the page in place (js/inplace.js), without a navigation to wait for: the paper leaves
    // For you either way, so that is what to wait for.
    public async Task NotInterestedAsync(string title)
    {
        await Item(title).Locator("form.not-interested button").ClickAsync();
        await Expect(Item(title)).ToHaveCountAsync(0);
    }

    public async Task UpvoteAsync(string title)
    {
        await Item(title).Locator("form.votes button").ClickAsync();
        await Expect(Item(title)).ToHaveCountAsync(0);
    }

    /// <summary>The ranking as shown, best first, read in one go (the page is rendered on the server, complete once parsed).</summary>
    public async Task<IReadOnlyList<RankedPaper>> RankedAsync()
    {
        var rows = await Items.EvaluateAllAsync<string[][]>(
            """
            items => items.map(item => {
                const link = item.querySelector("article.card h3 a");
                return [link.getAttribute("href"), link.textContent.trim(), item.querySelector("p.reason").textContent.trim()];
            })
            """);
        return [.. rows.Select(row => new RankedPaper(row[0]["/papers/".Length..], row[1], row[2]))];
    }

    private async Task OpenSetupAsync()
    {
        if (await Setup.GetAttributeAsync("open") is null)
        {
            await Setup.Locator("summary").ClickAsync();
        }
    }
}
