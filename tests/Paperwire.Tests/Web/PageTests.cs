using System.Net;
using Paperwire.Core.Papers;

namespace Paperwire.Tests.Web;

/// <summary>The server-rendered pages: what a reader sees on the day, week, month, paper and organization pages.</summary>
public class PageTests
{
    [Fact]
    public async Task DayPage_RanksCardsByUpvotes_AndShowsCardFacts()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var day = new DateOnly(2025, 4, 8);
        await app.AddPapersAsync(
            PaperFactory.InFeed("2504.00001", day, upvotes: 2, title: "Second place", authors: ["Ada Lovelace", "Alan Turing"]),
            PaperFactory.InFeed("2504.00002", day, upvotes: 7, title: "First place", organization: new Organization { Name = "acme", FullName = "ACME Research" }),
            PaperFactory.InFeed("2504.00003", day.AddDays(1), upvotes: 99, title: "Another day"));

        var html = await GetHtmlAsync(app, "/papers/date/2025-04-08");

        Assert.True(html.IndexOf("First place", StringComparison.Ordinal) < html.IndexOf("Second place", StringComparison.Ordinal));
        Assert.DoesNotContain("Another day", html);
        Assert.Contains("Ada Lovelace and Alan Turing", html);
        Assert.Contains("ACME Research", html);
        Assert.Contains("0 comments", html);
        Assert.Contains("8 Apr 2025", html);
        Assert.Contains("href=\"/papers/date/2025-04-09\"", html);
    }

    [Fact]
    public async Task DemoCard_WithoutAuthorNames_ShowsTheAuthorCount()
    {
        await using var app = await TestApp.StartAsync();
        var html = await GetHtmlAsync(app, "/papers/date/2025-12-15");
        Assert.Contains("5 authors", html);
    }

    [Fact]
    public async Task WeekAndMonthPages_ListTheirPapers_AndLinkToNeighboursWithPapers()
    {
        await using var app = await TestApp.StartAsync();

        var week = await GetHtmlAsync(app, "/papers/week/2025-W21");
        Assert.Contains("Weekly Papers · Week 21 of 2025", week);
        Assert.Contains("EfficientLLM", week); // 19 May
        Assert.Contains("CoreMatching", week); // 25 May, the Sunday
        Assert.DoesNotContain("Aquarius", week); // 14 May, the week before
        Assert.Contains("href=\"/papers/week/2025-W20\"", week);
        var month = await GetHtmlAsync(app, "/papers/month/2026-03");
        Assert.Contains("Monthly Papers · March 2026", month);
        Assert.Contains("6 papers", month);
        Assert.Contains("href=\"/papers/month/2026-02\"", month);
        Assert.Contains("href=\"/papers/month/2026-04\"", month);
    }

    [Fact]
    public async Task PaperPage_ShowsFactsAndLinks()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var paper = PaperFactory.InFeed("2504.05299", new DateOnly(2025, 4, 8), upvotes: 12, title: "SmolVLM", publishedOn: new DateOnly(2025, 4, 7), authors: ["Ada Lovelace"]);
        paper.ProjectPage = "https://example.org/smolvlm";
        await app.AddPapersAsync(paper);

        var html = await GetHtmlAsync(app, "/papers/2504.05299");

        Assert.Contains("<h1>SmolVLM</h1>", html);
        Assert.Contains("https://arxiv.org/abs/2504.05299", html);
        Assert.Contains("https://arxiv.org/pdf/2504.05299", html);
        Assert.Contains("https://example.org/smolvlm", html);
        Assert.Contains("7 Apr 2025", html);
        Assert.Contains("href=\"/papers/date/2025-04-08\"", html);
        Assert.Contains("$\\alpha$", html);
    }

    [Fact]
    public async Task OrganizationPage_ListsItsPapers_AndAdvertisesItsFeeds()
    {
        await using var app = await TestApp.StartAsync();
        var html = await GetHtmlAsync(app, "/orgs/huggingface");
        Assert.Contains("Hugging Face", html);
        Assert.Contains("SmolVLM", html);
        Assert.Contains("href=\"/feeds/orgs/huggingface.atom\"", html);
    }

    [Theory]
    [InlineData("/papers/date/2026-13-45", HttpStatusCode.BadRequest, "is not a date")]
    [InlineData("/papers/week/2026-W60", HttpStatusCode.BadRequest, "is not an ISO week")]
    [InlineData("/papers/month/2026-13", HttpStatusCode.BadRequest, "is not a month")]
    [InlineData("/papers/date/2025-04-08?p=-1", HttpStatusCode.BadRequest, "page number")]
    [InlineData("/papers/2504.99999", HttpStatusCode.NotFound, "No paper 2504.99999")]
    [InlineData("/papers/..%2F..%2Fetc%2Fpasswd", HttpStatusCode.BadRequest, "is not a paper id")]
    [InlineData("/orgs/%C3%A9cole-%E6%97%A5%E6%9C%AC", HttpStatusCode.NotFound, "There is no organization")]
    [InlineData("/no/such/page", HttpStatusCode.NotFound, "nothing at this address")]
    public async Task BadAddress_GetsAFriendlyPage(string url, HttpStatusCode status, string message)
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, html);
        Assert.Contains("Go to today", html);
        Assert.DoesNotContain("Exception", html);
    }

    [Fact]
    public async Task TwoKilobytePaperId_GetsAFriendly400()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var response = await app.Client.GetAsync("/papers/" + new string('a', 2048), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task EveryFeedPage_AdvertisesRssAtomAndJsonFeeds()
    {
        await using var app = await TestApp.StartAsync();
        var html = await GetHtmlAsync(app, "/papers/week/2025-W21");
        Assert.Contains("<link rel=\"alternate\" type=\"application/rss+xml\"", html);
        Assert.Contains("href=\"/feeds/week/2025-W21.rss\"", html);
        Assert.Contains("href=\"/feeds/week/2025-W21.atom\"", html);
        Assert.Contains("href=\"/feeds/week/2025-W21.json\"", html);
    }

    [Fact]
    public async Task CachedDayPage_ShowsANewPaperAfterTheCacheIsInvalidated()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var day = new DateOnly(2025, 4, 8);
        await app.AddPapersAsync(PaperFactory.InFeed("2504.00001", day, title: "Early paper"));
        Assert.DoesNotContain("Late paper", await GetHtmlAsync(app, "/papers/date/2025-04-08"));

        await app.AddPapersAsync(PaperFactory.InFeed("2504.00002", day, title: "Late paper"));

        Assert.Contains("Late paper", await GetHtmlAsync(app, "/papers/date/2025-04-08"));
    }

    private static async Task<string> GetHtmlAsync(TestApp app, string url)
    {
        using var response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
