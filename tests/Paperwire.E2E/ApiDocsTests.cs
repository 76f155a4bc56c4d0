using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Paperwire.E2E;

/// <summary><c>/docs</c> in a real browser, under its Content-Security-Policy, from assets the site serves itself.</summary>
public sealed class ApiDocsTests(AppInBrowser site)
{
    [Fact]
    public async Task Api_docs_show_the_daily_papers_parameters_with_nothing_blocked_or_fetched_elsewhere()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add(message.Text);
            }
        };
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (new Uri(request.Url) is { Scheme: "http" or "https" } url && url.Authority != site.App.BaseAddress.Authority)
            {
                elsewhere.Add(request.Url);
            }
        };

        await page.GotoAsync("/docs");
        var dailyPapers = page.Locator("#operations-Papers-DailyPapers");
        await dailyPapers.Locator(".opblock-summary").ClickAsync();

        await Expect(dailyPapers.Locator("tr[data-param-name='limit']")).ToContainTextAsync("50");
        await Expect(dailyPapers.Locator("tr[data-param-name='sort']")).ToContainTextAsync("trending");
        await Expect(page.Locator("#operations-Papers-SimilarPapers")).ToBeVisibleAsync();
        await Expect(page.Locator("#operations-Operations-Health")).ToBeVisibleAsync();
        Assert.Empty(blocked);
        Assert.Empty(elsewhere);
    }
}
