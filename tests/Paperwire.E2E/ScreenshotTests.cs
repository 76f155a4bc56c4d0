using Paperwire.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Paperwire.E2E;

/// <summary>
/// Shoots the README's picture of the site from the real app. Every run shoots it into the test output (so the page
/// renders and the picture is checked); only with <c>PAPERWIRE_UPDATE_SCREENSHOT=1</c> does it replace
/// <c>docs/images/day-page.png</c>, so running the tests leaves the work tree as it was.
/// </summary>
public sealed class ScreenshotTests(AppInBrowser site)
{
    [Fact]
    public async Task Day_page_screenshot_is_saved_for_the_readme()
    {
        await using var context = await site.NewContextAsync(width: 1280, height: 900);
        // A day with several papers, organizations and upvotes makes the clearest picture.
        var home = await FeedPage.OpenAsync(await context.NewPageAsync(), "/papers/date/2026-03-05");
        await Expect(home.Cards.First).ToBeVisibleAsync();
        await home.Page.EvaluateAsync("() => document.fonts.ready");

        var file = Environment.GetEnvironmentVariable("PAPERWIRE_UPDATE_SCREENSHOT") == "1"
            ? Path.Combine(RepositoryRoot.Find(), "docs", "images", "day-page.png")
            : Path.Combine(AppContext.BaseDirectory, "screenshots", "day-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await home.Page.ScreenshotAsync(new() { Path = file, FullPage = true });

        Assert.True(File.Exists(file), $"no screenshot at {file}");
        Assert.True(new FileInfo(file).Length > 10_000, "the screenshot is suspiciously small");
    }
}
