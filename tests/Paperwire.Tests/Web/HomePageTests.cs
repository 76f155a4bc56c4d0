using System.Net;
using System.Text.RegularExpressions;
using Paperwire.Core.Papers;
using Paperwire.Storage;

namespace Paperwire.Tests.Web;

/// <summary>
/// The home page of a fresh install, of a busy feed, of a stale one, of a catalog without a feed and of an empty
/// instance: each shows a full page, and the catalog's papers outside the feed show as "New on arXiv".
/// </summary>
public partial class HomePageTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_fresh_install_shows_the_latest_feed_days_until_the_page_holds_ten_papers(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var html = await GetHtmlAsync(app, "/");

        // The demo feed has one or two papers a day: the newest nine days hold ten.
        Assert.Contains("<h1 id=\"home-heading\">Daily Papers</h1>", html);
        Assert.Contains("The latest 9 days of the daily feed, 10 papers, most upvoted first each day.", html);
        Assert.Equal(10, Cards(html));
        Assert.Equal(
            ["Thu 28 May 2026", "Wed 29 Apr 2026", "Thu 23 Apr 2026", "Wed 22 Apr 2026", "Mon 30 Mar 2026", "Sun 29 Mar 2026", "Thu 5 Mar 2026", "Mon 2 Mar 2026", "Sun 1 Mar 2026"],
            DayHeadings(html));
        Assert.True(html.IndexOf("LVSA: Training-Free Sparse Attention", StringComparison.Ordinal) < html.IndexOf("AgilePruner", StringComparison.Ordinal), "newest day first");
        Assert.Contains("<a rel=\"prev\" href=\"/papers/date/2026-02-27\">← Earlier: Fri 27 Feb 2026</a>", html);
        Assert.DoesNotContain("Nothing has been added since", html); // the test clock is the day after the newest
    }

    [Fact]
    public async Task A_stale_instance_shows_its_latest_days_and_says_how_old_they_are()
    {
        await using var app = await TestApp.StartAsync();
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

        var html = await GetHtmlAsync(app, "/");

        Assert.Equal(10, Cards(html));
        Assert.Contains("Nothing has been added since <time datetime=\"2026-05-28\">28 May 2026</time> (190 days ago).", html);
    }

    [Fact]
    public async Task A_busy_day_fills_the_page_alone_and_links_to_the_day_before()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var day = new DateOnly(2026, 5, 28);
        await app.AddPapersAsync([
            .. Enumerable.Range(1, 12).Select(i => PaperFactory.InFeed($"2605.{i:00000}", day, upvotes: i, title: $"Busy day paper {i}")),
            PaperFactory.InFeed("2605.00100", day.AddDays(-1), title: "The day before"),
        ]);

        var html = await GetHtmlAsync(app, "/");

        Assert.Contains("The latest day of the daily feed, 12 papers", html);
        Assert.Equal(12, Cards(html));
        Assert.True(html.IndexOf("Busy day paper 12", StringComparison.Ordinal) < html.IndexOf("Busy day paper 1<", StringComparison.Ordinal), "most upvoted first");
        Assert.DoesNotContain("The day before", html);
        Assert.Contains("href=\"/papers/date/2026-05-27\">← Earlier: Wed 27 May 2026", html);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Catalog_papers_outside_the_feed_show_as_new_on_arxiv_by_category_and_filter_by_category(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(
            Catalog("2505.00001", new(2025, 5, 1), "Parsing with transformers", "cs.CL", "cs.LG"),
            Catalog("2505.00002", new(2025, 5, 1), "Translation without parallel data", "cs.CL"),
            Catalog("2504.00003", new(2025, 4, 1), "An older language paper", "cs.CL"),
            Catalog("2505.00004", new(2025, 5, 1), "Elliptic equations on rough domains", "math.AP"),
            Catalog("2505.00005", new(2025, 5, 1), "Learning rates that adapt", "cs.LG", "stat.ML"),
            Withdrawn(Catalog("2505.00006", new(2025, 5, 1), "A withdrawn parser", "cs.CL")));

        // No feed at all, but a catalog: the page says the feed is empty and still shows the catalog's newest.
        var home = await GetHtmlAsync(app, "/");
        Assert.Contains("The daily feed is empty.", home);
        Assert.Contains("<h2 id=\"new-heading\">New on arXiv</h2>", home);
        Assert.Equal(["cs.CL", "cs.LG", "math.AP"], CategoryHeadings(home)); // most papers first, by primary category
        Assert.True(home.IndexOf("Translation without parallel data", StringComparison.Ordinal) < home.IndexOf("An older language paper", StringComparison.Ordinal), "newest first");
        Assert.DoesNotContain("A withdrawn parser", home);
        Assert.Contains("href=\"/papers/new?category=cs.CL\"", home);

        // A paper that enters the feed leaves "New on arXiv" and shows among the feed's days.
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00010", new(2026, 5, 28), title: "A paper in the feed"));
        home = await GetHtmlAsync(app, "/");
        Assert.Equal(1, Cards(home));
        var newOnArxiv = home[home.IndexOf("id=\"new-heading\"", StringComparison.Ordinal)..];
        Assert.Contains("Parsing with transformers", newOnArxiv);
        Assert.DoesNotContain("A paper in the feed", newOnArxiv);
        Assert.Contains("A paper in the feed", home);

        var archive = await GetHtmlAsync(app, "/papers/new?category=cs");
        Assert.Equal(["2505.00005", "2505.00002", "2505.00001", "2504.00003"], Listed(archive)); // any category in cs, newest first
        Assert.Contains("href=\"/papers/new?category=cs\" aria-current=\"page\">cs</a>", archive);
        Assert.Equal(["2505.00005", "2505.00001"], Listed(await GetHtmlAsync(app, "/papers/new?category=cs.LG")));
        Assert.Equal(["2505.00005", "2505.00004", "2505.00002", "2505.00001", "2504.00003"], Listed(await GetHtmlAsync(app, "/papers/new")));
        Assert.Empty(Listed(await GetHtmlAsync(app, "/papers/new?category=q-bio")));

        foreach (var bad in (string[])["/papers/new?category=cs.XX", "/papers/new?category=%3Cscript%3E", "/papers/new?p=-1", "/papers/new?p=x"])
        {
            using var response = await app.Client.GetAsync(bad, Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{bad} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_empty_instance_says_the_feed_is_empty_and_shows_no_new_papers_section()
    {
        await using var app = await TestApp.StartAsync(demo: false);

        var html = await GetHtmlAsync(app, "/");

        Assert.Contains("The daily feed is empty.", html);
        Assert.DoesNotContain("New on arXiv", html);
        Assert.Contains("No arXiv papers outside the daily feed yet", await GetHtmlAsync(app, "/papers/new"));
    }

    private static Paper Catalog(string id, DateOnly publishedOn, string title, params string[] categories)
    {
        var paper = PaperFactory.InCatalog(id, publishedOn, title: title, authors: ["Ada Lovelace"]);
        paper.Categories = [.. categories];
        return paper;
    }

    private static Paper Withdrawn(Paper paper)
    {
        paper.Withdrawn = true;
        return paper;
    }

    private static int Cards(string html) => Regex.Count(html, "<article class=\"card\">");

    private static List<string> DayHeadings(string html) =>
        [.. DayHeading().Matches(html).Select(m => m.Groups[1].Value)];

    private static List<string> CategoryHeadings(string html) =>
        [.. CategoryHeading().Matches(html).Select(m => m.Groups[1].Value)];

    /// <summary>Paper ids of the catalog list on <c>/papers/new</c>, in order.</summary>
    private static List<string> Listed(string html) =>
        [.. CatalogItem().Matches(html).Select(m => m.Groups[1].Value)];

    private static async Task<string> GetHtmlAsync(TestApp app, string url)
    {
        using var response = await app.Client.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
    }

    [GeneratedRegex("<h2 id=\"day-[0-9-]+\"><a href=\"[^\"]+\">([^<]+)</a>")]
    private static partial Regex DayHeading();

    [GeneratedRegex("<h3 id=\"new-[^\"]+\">([^<]+)</h3>")]
    private static partial Regex CategoryHeading();

    [GeneratedRegex("<a class=\"catalog-title\" href=\"/papers/([^\"]+)\">")]
    private static partial Regex CatalogItem();
}
