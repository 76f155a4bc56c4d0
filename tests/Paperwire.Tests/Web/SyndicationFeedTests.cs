using System.Diagnostics;
using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;

namespace Paperwire.Tests.Web;

/// <summary>RSS, Atom and JSON Feed, read back by independent parsers: .NET's and Python's feedparser.</summary>
public class SyndicationFeedTests
{
    private const string Python = "/usr/bin/python3";

    [Theory]
    [InlineData("/feeds/week/2025-W21.rss")]
    [InlineData("/feeds/week/2025-W21.atom")]
    public async Task XmlFeed_ParsesWithSyndicationFeed_WithTheWeeksPapersInRankOrder(string url)
    {
        await using var app = await TestApp.StartAsync();
        var expected = await ExpectedTitlesAsync(app, "week=2025-W21");

        await using var stream = await app.Client.GetStreamAsync(url, TestContext.Current.CancellationToken);
        using var reader = XmlReader.Create(stream);
        var feed = SyndicationFeed.Load(reader);

        Assert.Equal(expected, feed.Items.Select(i => i.Title.Text));
        Assert.All(feed.Items, item => Assert.StartsWith(app.BaseAddress + "papers/pw-", item.Links.Single().Uri.AbsoluteUri));
        Assert.Contains("Week 21 of 2025", feed.Title.Text);
    }

    [Fact]
    public async Task JsonFeed_IsVersion11_WithItemsLinkingToPaperPages()
    {
        await using var app = await TestApp.StartAsync();
        var expected = await ExpectedTitlesAsync(app, "month=2026-03");

        using var response = await app.Client.GetAsync("/feeds/month/2026-03.json", TestContext.Current.CancellationToken);
        Assert.Equal("application/feed+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = json.RootElement;

        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.Equal(app.BaseAddress + "papers/month/2026-03", root.GetProperty("home_page_url").GetString());
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expected, items.Select(i => i.GetProperty("title").GetString()!));
        Assert.All(items, i => Assert.Equal(i.GetProperty("id").GetString(), i.GetProperty("url").GetString()));
    }

    [Theory]
    [InlineData("/feeds/latest.rss", "date=2026-05-28")]
    [InlineData("/feeds/date/2025-05-19.atom", "date=2025-05-19")]
    [InlineData("/feeds/week/2025-W21.rss", "week=2025-W21")]
    [InlineData("/feeds/month/2026-03.atom", "month=2026-03")]
    [InlineData("/feeds/orgs/huggingface.rss", null)]
    public async Task Feed_ParsesWithPythonFeedparser_WithEntryCountsTitlesAndLinks(string url, string? window)
    {
        RequiredComponent.Require(FeedparserInstalled(), "Python feedparser", "install Debian's python3-feedparser (./test.sh does)");
        await using var app = await TestApp.StartAsync();
        var expected = window is null ? ["SmolVLM: Redefining small and efficient multimodal models"] : await ExpectedTitlesAsync(app, window);
        var path = Path.Combine(app.Database.DataDirectory, "feed.xml");
        await File.WriteAllBytesAsync(path, await app.Client.GetByteArrayAsync(url, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);

        using var parsed = JsonDocument.Parse(await RunFeedparserAsync(path));
        var root = parsed.RootElement;

        Assert.False(root.GetProperty("bozo").GetBoolean(), root.GetProperty("bozo_exception").GetString());
        var entries = root.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(expected, entries.Select(e => e.GetProperty("title").GetString()!));
        Assert.All(entries, e => Assert.StartsWith(app.BaseAddress + "papers/", e.GetProperty("link").GetString()));
    }

    [Theory]
    [InlineData("/feeds/date/2026-13-45.rss", HttpStatusCode.BadRequest)]
    [InlineData("/feeds/week/2026-W60.atom", HttpStatusCode.BadRequest)]
    [InlineData("/feeds/date/2025-05-19.pdf", HttpStatusCode.NotFound)]
    [InlineData("/feeds/orgs/nobody.rss", HttpStatusCode.NotFound)]
    public async Task BadFeedAddress_IsProblemDetails(string url, HttpStatusCode status)
    {
        await using var app = await TestApp.StartAsync();
        using var response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The titles the API gives for the same window: feeds and API must agree.</summary>
    private static async Task<List<string>> ExpectedTitlesAsync(TestApp app, string window)
    {
        using var json = JsonDocument.Parse(await app.Client.GetStringAsync($"/api/daily_papers?{window}&limit=100", TestContext.Current.CancellationToken));
        var titles = json.RootElement.EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
        Assert.NotEmpty(titles);
        return titles;
    }

    internal static bool FeedparserInstalled()
    {
        if (!File.Exists(Python))
        {
            return false;
        }

        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import feedparser"]) { RedirectStandardError = true })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    /// <summary>Python feedparser's reading of the feed at <paramref name="path"/>: bozo, and each entry's title, link, summary and content.</summary>
    internal static async Task<string> RunFeedparserAsync(string path)
    {
        const string script = """
            import json, sys, feedparser
            d = feedparser.parse(sys.argv[1])
            print(json.dumps({"bozo": bool(d.bozo), "bozo_exception": str(d.get("bozo_exception", "")),
                              "entries": [{"title": e.get("title"), "link": e.get("link"), "summary": e.get("summary"),
                                           "content": [c.get("value") for c in e.get("content", [])]} for e in d.entries]}))
            """;
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", script, path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
        return output;
    }
}
