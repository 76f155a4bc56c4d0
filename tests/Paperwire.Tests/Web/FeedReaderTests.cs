using System.Diagnostics;
using System.Text.Json;
using Paperwire.Core.Papers;

namespace Paperwire.Tests.Web;

/// <summary>
/// What a feed reader (Python's feedparser) takes from the RSS and Atom feeds beyond titles and links: the feed's own
/// address, its date (never 1970 for an empty window), item authors and RFC 822 dates.
/// </summary>
public class FeedReaderTests
{
    private const string Python = "/usr/bin/python3";
    private static readonly DateOnly Day = new(2025, 4, 8);

    [Theory]
    [InlineData("rss", "application/rss+xml")]
    [InlineData("atom", "application/atom+xml")]
    public async Task Reader_finds_the_feeds_own_address_its_date_and_each_items_authors(string format, string mediaType)
    {
        await using var app = await StartAsync();
        var paper = PaperFactory.InFeed("2504.05299", Day, title: "SmolVLM", authors: ["Andrés Marafioti", "Orr Zohar", "Hidden Person"]);
        paper.Authors[2].Hidden = true;
        var other = PaperFactory.InFeed("2504.05300", Day, title: "No names known");
        await app.AddPapersAsync(paper, other);
        var url = $"feeds/date/2025-04-08.{format}";

        var feed = await ReadAsync(app, url);

        var self = Assert.Single(feed.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "self");
        Assert.Equal(app.BaseAddress + url, self.GetProperty("href").GetString());
        Assert.Equal(mediaType, self.GetProperty("type").GetString());
        var entries = feed.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("title").GetString()!);
        Assert.Equal(["Andrés Marafioti", "Orr Zohar"], entries["SmolVLM"].GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Empty(entries["No names known"].GetProperty("authors").EnumerateArray());
        // Items are dated when they entered the feed; the feed by its newest item.
        Assert.Equal(Iso(paper.FeedEntry!.SubmittedAt), entries["SmolVLM"].GetProperty("published").GetString());
        Assert.Equal(Iso(other.FeedEntry!.SubmittedAt), entries["No names known"].GetProperty("published").GetString());
        Assert.Equal(Iso(other.FeedEntry.SubmittedAt), feed.GetProperty("updated").GetString()); // the later of the two
    }

    [Fact]
    public async Task Rss_dates_are_rfc_822_with_a_numeric_zone()
    {
        await using var app = await StartAsync();
        var paper = PaperFactory.InFeed("2504.05299", Day, title: "SmolVLM");
        await app.AddPapersAsync(paper);

        var xml = await app.Client.GetStringAsync("/feeds/date/2025-04-08.rss", TestContext.Current.CancellationToken);

        var dates = System.Text.RegularExpressions.Regex.Matches(xml, "<(pubDate|lastBuildDate)>([^<]*)</").Select(m => m.Groups[2].Value).ToList();
        Assert.Equal(2, dates.Count);
        Assert.All(dates, date => Assert.Matches(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000$", date));
        Assert.Equal(paper.FeedEntry!.SubmittedAt.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", System.Globalization.CultureInfo.InvariantCulture), dates[1]);
    }

    [Theory]
    [InlineData("feeds/date/2025-01-01.rss", "2025-01-02T00:00:00+00:00")] // past and empty: nothing entered it before its end
    [InlineData("feeds/week/2025-W01.atom", "2025-01-06T00:00:00+00:00")]
    [InlineData("feeds/month/2030-01.rss", "2026-05-29T12:00:00+00:00")] // not over yet: empty as of now
    [InlineData("feeds/date/2026-05-29.atom", "2026-05-29T12:00:00+00:00")]
    [InlineData("feeds/latest.rss", "2026-05-29T12:00:00+00:00")] // no daily feed at all
    public async Task An_empty_feed_is_dated_by_something_true_not_1970(string url, string updated)
    {
        await using var app = await StartAsync();

        var feed = await ReadAsync(app, url);

        Assert.Empty(feed.GetProperty("entries").EnumerateArray());
        Assert.Equal(updated, feed.GetProperty("updated").GetString());
    }

    private static string Iso(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<TestApp> StartAsync()
    {
        RequiredComponent.Require(SyndicationFeedTests.FeedparserInstalled(), "Python feedparser", "install Debian's python3-feedparser (./test.sh does)");
        return await TestApp.StartAsync(demo: false);
    }

    /// <summary>feedparser's reading: the feed's links and date, each entry's title, authors and date (ISO 8601, UTC).</summary>
    private static async Task<JsonElement> ReadAsync(TestApp app, string url)
    {
        var path = Path.Combine(app.Database.DataDirectory, "feed.xml");
        await File.WriteAllBytesAsync(path, await app.Client.GetByteArrayAsync(url, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        const string script = """
            import calendar, datetime, json, sys, feedparser
            def iso(t):
                return datetime.datetime.fromtimestamp(calendar.timegm(t), datetime.timezone.utc).isoformat() if t else None
            d = feedparser.parse(sys.argv[1])
            assert not d.bozo, d.get("bozo_exception")
            print(json.dumps({"updated": iso(d.feed.get("updated_parsed")), "links": d.feed.get("links", []),
                              "entries": [{"title": e.get("title"), "published": iso(e.get("published_parsed")),
                                           "authors": [a for a in e.get("authors", []) if a.get("name")]} for e in d.entries]}))
            """;
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", script, path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, errors);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }
}
