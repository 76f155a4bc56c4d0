using Microsoft.Playwright;
using Paperwire.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Paperwire.E2E;

/// <summary>Bad addresses get the site's own error page: the right status, a plain reason, no internals.</summary>
public sealed class ErrorPageTests(AppInBrowser site)
{
    [Theory]
    [InlineData("/papers/2504.99999", 404, "Not found", "2504.99999")]
    [InlineData("/papers/date/2026-13-45", 400, "That request doesn't look right", "2026-13-45")]
    public async Task A_bad_address_shows_a_friendly_error_page_without_a_stack_trace(string path, int status, string heading, string explained)
    {
        await using var context = await site.NewContextAsync();
        var page = new SitePage(await context.NewPageAsync());

        var response = await page.Page.GotoAsync(path);

        Assert.NotNull(response);
        Assert.Equal(status, response.Status);
        await Expect(page.Heading).ToHaveTextAsync(heading);
        await Expect(page.Main).ToContainTextAsync(explained);
        await Expect(page.Page.GetByRole(AriaRole.Link, new() { Name = "Go to today's papers" })).ToBeVisibleAsync();
        var body = await page.Page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Paperwire.", body, StringComparison.Ordinal);
    }
}
