using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Paperwire.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Paperwire.E2E;

/// <summary>A reader clicking through the feed: days, papers, weeks, and the feed links browsers discover.</summary>
public sealed class BrowsingTests(AppInBrowser site)
{
    /// <summary>The demo corpus' latest feed date, which the home page shows.</summary>
    private static readonly DateOnly LatestFeedDate = new(2026, 5, 28);

    [Fact]
    public async Task Can_browse_from_home_to_previous_day_to_paper_to_week()
    {
        await using var context = await site.NewContextAsync();
        var home = await FeedPage.OpenAsync(await context.NewPageAsync(), "/");
        await Expect(home.Heading).ToHaveTextAsync("Daily Papers");
        var newestDay = home.Page.Locator("main h2 a").First; // the home page shows the latest days, newest first
        await Expect(newestDay).ToHaveTextAsync("Thu 28 May 2026");
        await Expect(home.Cards.First).ToBeVisibleAsync();
        await home.ClickToNavigateAsync(newestDay);
        var latest = new FeedPage(home.Page);
        await Expect(latest.Heading).ToContainTextAsync("Thu 28 May 2026");

        // The pager skips days without papers: "previous" is the latest earlier day that has some.
        var previous = await LatestFeedDateBeforeAsync(LatestFeedDate);
        var day = await latest.GoToPreviousAsync();
        await Expect(day.Page).ToHaveURLAsync(Url($"/papers/date/{previous:yyyy-MM-dd}"));
        await Expect(day.Heading).ToContainTextAsync(previous.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture));
        Assert.True(await day.Cards.CountAsync() >= 1, "the previous day lists no papers");

        var (paper, cardTitle) = await day.OpenFirstPaperAsync();
        await Expect(paper.Heading).ToHaveTextAsync(cardTitle);
        await Expect(paper.Abstract).Not.ToBeEmptyAsync();

        var week = await paper.FollowNavAsync("Weekly");
        await Expect(week.Heading).ToHaveTextAsync(new Regex(@"^Weekly Papers · Week \d{1,2} of \d{4}$"));
        Assert.True(await week.Cards.CountAsync() >= 1, "the week lists no papers");
    }

    [Fact]
    public async Task Home_page_advertises_an_rss_feed_that_answers()
    {
        await using var context = await site.NewContextAsync();
        var home = await FeedPage.OpenAsync(await context.NewPageAsync(), "/");
        await Expect(home.RssLink).ToHaveCountAsync(1);

        var href = await home.RssLink.GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(href));
        var response = await context.APIRequest.GetAsync(Url(href));
        Assert.Equal(200, response.Status);
        Assert.Contains("<rss", await response.TextAsync(), StringComparison.Ordinal);
    }

    private string Url(string path) => new Uri(site.App.BaseAddress, path).ToString();

    private Task<DateOnly> LatestFeedDateBeforeAsync(DateOnly date) =>
        site.App.QueryAsync(db => db.FeedEntries.Where(e => e.FeedDate < date).MaxAsync(e => e.FeedDate));
}
