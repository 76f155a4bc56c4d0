using Microsoft.Playwright;
using Paperwire.Core.Papers;
using Paperwire.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Paperwire.E2E;

/// <summary>
/// With script, voting and "Not interested" change the card in place: no page load, the reader stays where they
/// were on a long page and focus stays on what they pressed (without script the same forms post as plain forms,
/// which the unit tests cover).
/// </summary>
public sealed class InPlaceTests(AppInBrowser site)
{
    private static readonly DateOnly Day = new(2026, 5, 28);

    [Fact]
    public async Task Voting_and_not_interested_far_down_a_long_day_keep_the_page_scroll_and_focus()
    {
        await using var app = await TestApp.StartOnLoopbackAsync();
        await app.AddPapersAsync([.. Enumerable.Range(1, 30).Select(i => PaperFactory.InFeed($"2605.{i:00000}", Day, upvotes: 100 - i, title: $"Paper number {i}"))]);
        await using var context = await site.NewContextAsync(on: app);
        var page = await context.NewPageAsync();
        var cspReports = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                cspReports.Add(message.Text);
            }
        };
        await AccountPages.SignUpAndConfirmAsync(page, app, "reader");
        await AccountPages.SignInAsync(page, "reader");
        await SitePage.GoToAsync(page, $"/papers/date/{Day:yyyy-MM-dd}");
        await page.EvaluateAsync("() => { window.__samePage = true; }"); // gone if the page loads again

        var card = Card(page, "Paper number 25");
        await card.ScrollIntoViewIfNeededAsync();
        var scrolled = await page.EvaluateAsync<double>("() => window.scrollY");
        Assert.True(scrolled > 200, $"the 25th card should be far down the page (scrollY {scrolled})");

        var vote = card.Locator("form.votes button");
        await vote.ClickAsync();
        await Expect(Card(page, "Paper number 25").Locator("form.votes button")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(Card(page, "Paper number 25").Locator("form.votes .count")).ToHaveTextAsync("76");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"), "the vote reloaded the page");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.closest('form.votes') !== null && document.activeElement.closest('article')?.textContent.includes('Paper number 25')"), "focus left the vote button");
        Assert.InRange(await page.EvaluateAsync<double>("() => window.scrollY"), scrolled - 50, scrolled + 50);

        await Card(page, "Paper number 26").GetByRole(AriaRole.Button, new() { NameRegex = new("^Not interested") }).ClickAsync();
        var folded = page.Locator("article.card.dismissed", new() { HasText = "Paper number 26" });
        await Expect(folded).ToBeVisibleAsync();
        await Expect(folded.GetByRole(AriaRole.Button, new() { NameRegex = new("^Undo") })).ToBeFocusedAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"), "Not interested reloaded the page");

        await folded.GetByRole(AriaRole.Button, new() { NameRegex = new("^Undo") }).ClickAsync();
        await Expect(Card(page, "Paper number 26").Locator("form.votes")).ToBeVisibleAsync();
        await Expect(Card(page, "Paper number 26").GetByRole(AriaRole.Button, new() { NameRegex = new("^Not interested") })).ToBeFocusedAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"), "Undo reloaded the page");

        // What the reader sees is what is stored: a fresh load shows the same.
        await SitePage.GoToAsync(page, $"/papers/date/{Day:yyyy-MM-dd}");
        await Expect(Card(page, "Paper number 25").Locator("form.votes .count")).ToHaveTextAsync("76");
        await Expect(page.Locator("article.card.dismissed")).ToHaveCountAsync(0);
        Assert.Empty(cspReports);
    }

    private static ILocator Card(IPage page, string title) =>
        page.Locator("article.card:not(.dismissed)", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });
}
