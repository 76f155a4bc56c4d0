using Microsoft.Playwright;
using Paperwire.E2E.Accessibility;
using Paperwire.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Paperwire.E2E;

/// <summary>A reader citing a paper: the "Cite" box opens to the BibTeX, which the button copies; axe and the CSP stay quiet.</summary>
public sealed class CiteTests(AppInBrowser site)
{
    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Can_open_the_cite_box_and_copy_the_bibtex(ColorScheme scheme)
    {
        AxeCore.Require();
        await using var context = await site.NewContextAsync(colorScheme: scheme);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var checks = await PageChecks.AttachAsync(context);
        var home = await FeedPage.OpenAsync(await context.NewPageAsync(), "/");
        var (paper, _) = await home.OpenFirstPaperAsync();
        var page = paper.Page;
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new() { PollingInterval = 50 });

        var bibtex = page.Locator("details.cite pre");
        await Expect(bibtex).Not.ToBeVisibleAsync();
        await page.GetByText("Cite this paper").ClickAsync();
        await Expect(bibtex).ToBeVisibleAsync();
        await Expect(bibtex).ToContainTextAsync("@misc{");

        await page.GetByRole(AriaRole.Button, new() { Name = "Copy BibTeX" }).ClickAsync();
        await Expect(page.Locator("details.cite [role=status]")).ToHaveTextAsync("Copied.");
        Assert.Equal(await bibtex.TextContentAsync(), await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // The open box, the JSON-LD block and the copy script under the site's CSP.
        var problems = await checks.RunAsync(page, phone: false);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
