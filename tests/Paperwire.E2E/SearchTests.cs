using Paperwire.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Paperwire.E2E;

/// <summary>A reader looking for a paper they half remember, from the search box in the header.</summary>
public sealed class SearchTests(AppInBrowser site)
{
    [Fact]
    public async Task A_search_from_the_header_finds_the_paper_and_marks_the_words()
    {
        await using var context = await site.NewContextAsync();
        var home = await FeedPage.OpenAsync(await context.NewPageAsync(), "/");

        var results = await SearchPage.FromHeaderAsync(home, "KV cache compression");

        await Expect(results.Heading).ToHaveTextAsync("Search");
        await Expect(results.Marks.First).ToBeVisibleAsync();
        Assert.Contains(
            (await results.Results.Locator("h3").AllInnerTextsAsync()).Take(3),
            title => title.StartsWith("ShadowKV: KV Cache", StringComparison.Ordinal));
        Assert.Contains((await results.Marks.AllInnerTextsAsync()).Select(m => m.ToLowerInvariant()), m => m is "cache" or "compression");
    }

    [Fact]
    public async Task A_paraphrase_without_the_papers_words_still_finds_it_by_meaning()
    {
        await using var context = await site.NewContextAsync();
        var home = await FeedPage.OpenAsync(await context.NewPageAsync(), "/");

        var results = await SearchPage.FromHeaderAsync(home, "live dubbing of multilingual video calls");

        await Expect(results.Results.First).ToBeVisibleAsync();
        Assert.Contains(
            (await results.Results.Locator("h3").AllInnerTextsAsync()).Take(3),
            title => title.Contains("Video Translation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Filters_narrow_the_results_and_stay_in_the_form()
    {
        await using var context = await site.NewContextAsync();
        var home = await FeedPage.OpenAsync(await context.NewPageAsync(), "/");
        var results = await SearchPage.FromHeaderAsync(home, "language models");
        var before = await results.Results.CountAsync();

        await results.ApplyFiltersAsync(category: "gr-qc");

        await Expect(results.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("category=gr-qc"));
        await Expect(results.Page.GetByLabel("Category")).ToHaveValueAsync("gr-qc");
        Assert.True(await results.Results.CountAsync() < before, "the category filter did not narrow the results");
    }

    [Fact]
    public async Task On_a_phone_the_results_fit_the_screen()
    {
        await using var context = await site.NewContextAsync(width: 375, height: 740);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/search?q=efficient+inference+on+small+devices");

        await Expect(new SearchPage(page).Results.First).ToBeVisibleAsync();
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the page scrolls sideways: {widths[0]}px content in {widths[1]}px");
    }
}
