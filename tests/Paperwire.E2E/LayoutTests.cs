using Microsoft.Playwright;
using Paperwire.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Paperwire.E2E;

/// <summary>The pages on a phone and in dark mode.</summary>
public sealed class LayoutTests(AppInBrowser site)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/papers/date/2026-05-28")]
    [InlineData("/papers/week")]
    [InlineData("/papers/date/2026-13-45")]
    public async Task A_page_fits_a_phone_screen_without_scrolling_sideways(string path)
    {
        await using var context = await site.NewContextAsync(width: 390, height: 844);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);

        await AssertNoHorizontalScrollbarAsync(page);
    }

    [Fact]
    public async Task A_paper_page_fits_a_phone_screen_without_scrolling_sideways()
    {
        await using var context = await site.NewContextAsync(width: 390, height: 844);
        var day = await FeedPage.OpenAsync(await context.NewPageAsync(), "/");
        var (paper, _) = await day.OpenFirstPaperAsync();
        await Expect(paper.Abstract).ToBeVisibleAsync();

        await AssertNoHorizontalScrollbarAsync(paper.Page);
    }

    [Fact]
    public async Task Dark_mode_gives_the_page_a_different_background()
    {
        var light = await BodyBackgroundAsync(ColorScheme.Light);
        var dark = await BodyBackgroundAsync(ColorScheme.Dark);

        Assert.NotEqual(light, dark);
    }

    private static async Task AssertNoHorizontalScrollbarAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} is {widths[0]}px wide on a {widths[1]}px screen");
    }

    private async Task<string> BodyBackgroundAsync(ColorScheme scheme)
    {
        await using var context = await site.NewContextAsync(colorScheme: scheme);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/papers/date/2026-05-28");
        return await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
    }
}
