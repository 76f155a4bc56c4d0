using System.Net;
using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;
using Paperwire.Tests.SearchWeb;
using Paperwire.Tests.Web;
using static Paperwire.Tests.ForYou.InterestsKit;

namespace Paperwire.Tests.ForYou;

/// <summary>
/// <c>/feeds/for-you/{secret}.rss|.atom|.json</c>: the reader's ranking with reasons, for a feed reader; the address
/// is made, replaced and turned off on <c>/account/interests</c>; any other address is a 404 that stores nothing.
/// </summary>
public partial class PrivateFeedTests
{
    private const string PublicBase = "https://papers.example.org/";
    private const string Reason = "Why: In q-bio.BM, which you follow";

    private static readonly Dictionary<string, string?> Settings = new() { ["Paperwire:PublicBaseUrl"] = PublicBase };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_read_the_for_you_ranking_as_rss_atom_and_json_feed_each_item_with_its_reason(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false, embeddings: true, settings: Settings);
        await app.AddPapersAsync(SearchTestKit.TwoTopics());
        var ann = await Reader.CreateAsync(app, "ann");
        await ann.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, "/api/follows", new { kind = "category", name = "q-bio" });
        // Polled until the index worker has embedded the papers; the test's own time limit bounds the wait.
        while ((await ann.RecommendationsAsync()).Count < 3)
        {
            await Task.Delay(50, Cancel);
        }

        var ranked = (await ann.RecommendationsAsync()).Select(r => r.Id).ToList();
        using var browser = await SignInAsync(app, "ann");
        var urls = await CreateFeedAsync(browser);

        Assert.Equal(["rss", "atom", "json"], urls.Select(u => u.Split('.')[^1]));
        Assert.All(urls, url => Assert.StartsWith(PublicBase + "feeds/for-you/", url));
        Assert.Equal(ranked, await XmlFeedIdsAsync(app, urls[0]));
        Assert.Equal(ranked, await XmlFeedIdsAsync(app, urls[1]));
        Assert.Equal(ranked, await JsonFeedIdsAsync(app, urls[2]));
        foreach (var url in urls.Take(2))
        {
            await FeedparserReadsAsync(app, url, ranked);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_new_address_turns_the_old_one_off_and_so_does_turning_the_feed_off(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false, settings: Settings);
        await Reader.CreateAsync(app, "ann");
        using var browser = await SignInAsync(app, "ann");
        var page = await browser.GetAsync(Page);
        Assert.Contains("Make a private feed address", page.Text);
        Assert.Empty(Actions(page, "RevokeFeed"));

        var first = (await CreateFeedAsync(browser))[0];
        var firstSecret = SecretOf(first);
        using (var feed = await FetchAsync(app, first))
        {
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
            Assert.Contains("Nothing to recommend yet", await feed.Content.ReadAsStringAsync(Cancel)); // no signal yet: an empty, valid feed
        }

        // Only the fingerprint is stored, and the page cannot show the address again.
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(firstSecret))), await StoredHashAsync(app));
        Assert.DoesNotContain(firstSecret, await SnapshotAsync(app));
        var later = await browser.GetAsync(Page);
        Assert.DoesNotContain(firstSecret, later.Html);
        Assert.Contains("You have a private feed.", later.Text);

        var second = (await CreateFeedAsync(browser))[0];
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, first));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, second));

        Assert.Equal($"{Page}?done=feed-off", (await SubmitAsync(browser, "RevokeFeed")).Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, second)); // answered afresh: no cache kept the feed
        Assert.Null(await StoredHashAsync(app));
        Assert.Contains("Make a private feed address", (await browser.GetAsync(Page)).Text);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_forged_unknown_or_malformed_address_is_404_and_stores_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await Reader.CreateAsync(app, "ann");
        using var browser = await SignInAsync(app, "ann");
        var secret = SecretOf((await CreateFeedAsync(browser))[0]);
        var before = await SnapshotAsync(app);
        var flipped = secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A');
        string[] addresses =
        [
            $"/feeds/for-you/{Base64UrlOf(RandomNumberGenerator.GetBytes(32))}.rss",
            $"/feeds/for-you/{flipped}.rss",
            $"/feeds/for-you/{secret.ToUpperInvariant()}.atom",
            $"/feeds/for-you/{secret[..^1]}.json",
            $"/feeds/for-you/{secret}A.rss",
            $"/feeds/for-you/{secret}.pdf",
            $"/feeds/for-you/{secret}.",
            $"/feeds/for-you/{StoredHash(secret)}.rss", // the stored fingerprint is not a key
            "/feeds/for-you/x.rss",
            "/feeds/for-you/%E2%80%AE%20.json",
            "/feeds/for-you/..%2F..%2Fetc%2Fpasswd.rss",
            $"/feeds/for-you/{new string('a', 5000)}.rss",
        ];

        foreach (var address in addresses)
        {
            Assert.True(await StatusAsync(app, address) == HttpStatusCode.NotFound, $"{address[..Math.Min(80, address.Length)]} is not 404");
        }

        using (var forged = await FetchAsync(app, addresses[0]))
        {
            Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType); // what a feed reader can show
            Assert.True(forged.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {forged.Headers.CacheControl}");
        }

        Assert.Equal(before, await SnapshotAsync(app));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, $"/feeds/for-you/{secret}.rss"));
    }

    [Fact]
    public async Task The_private_feed_is_advertised_on_no_page_and_cached_by_no_one_but_its_reader()
    {
        await using var app = await TestApp.StartAsync(demo: true);
        await ReaderWithEverySignalAsync(app);
        using var browser = await SignInAsync(app, "ann");
        await SubmitAsync(browser, "Profile", fields: new Dictionary<string, string> { ["show"] = "true" });
        var url = (await CreateFeedAsync(browser))[0];

        using var anonymous = new BrowserSession(app);
        foreach (var path in new[] { "/", "/u/ann", "/papers/week/2025-W21" })
        {
            Assert.DoesNotContain("/feeds/for-you/", (await anonymous.GetAsync(path)).Html);
            Assert.DoesNotContain("/feeds/for-you/", (await browser.GetAsync(path)).Html);
        }

        Assert.DoesNotContain("/feeds/for-you/", (await browser.GetAsync(Page)).Html);
        using var feed = await FetchAsync(app, url);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.True(feed.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {feed.Headers.CacheControl}");
        Assert.Contains("noindex", feed.Headers.GetValues("X-Robots-Tag"));
    }

    [Fact]
    public async Task Guessing_addresses_from_one_place_is_rate_limited()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var guesser = new BrowserSession(app);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 61; i++)
        {
            answers.Add((await guesser.GetAsync($"/feeds/for-you/{Base64UrlOf(RandomNumberGenerator.GetBytes(32))}.rss")).Status);
        }

        Assert.All(answers[..60], status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[60]);
        using var other = new BrowserSession(app);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/feeds/for-you/{Base64UrlOf(new byte[32])}.rss")).Status);
    }

    /// <summary>Makes (or replaces) the feed on the interests page; the RSS, Atom and JSON addresses it shows, once.</summary>
    private static async Task<List<string>> CreateFeedAsync(BrowserSession browser)
    {
        var created = await SubmitAsync(browser, "CreateFeed");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Contains("no-store", created.Header("Cache-Control"));
        Assert.Contains("cannot show it again", created.Text);
        return [.. FeedUrl().Matches(created.Html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
    }

    private static string SecretOf(string url) => Regex.Match(url, "/feeds/for-you/([^.]+)\\.").Groups[1].Value;

    private static string StoredHash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    private static string Base64UrlOf(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static Task<string?> StoredHashAsync(TestApp app) =>
        app.QueryAsync(db => db.ReaderProfiles.Select(p => p.FeedSecretHash).SingleAsync(Cancel));

    /// <summary>Fetches a feed by its path, as a feed reader would: no cookie.</summary>
    private static Task<HttpResponseMessage> FetchAsync(TestApp app, string url) =>
        app.Client.GetAsync(url.StartsWith('/') ? url : new Uri(url).PathAndQuery, Cancel);

    private static async Task<HttpStatusCode> StatusAsync(TestApp app, string url)
    {
        using var response = await FetchAsync(app, url);
        return response.StatusCode;
    }

    /// <summary>Paper ids of an RSS or Atom feed read by .NET's parser, after checking each item's link, reason and the headers.</summary>
    private static async Task<List<string>> XmlFeedIdsAsync(TestApp app, string url)
    {
        using var response = await FetchAsync(app, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {response.Headers.CacheControl}");
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync(Cancel));
        var feed = SyndicationFeed.Load(reader);
        Assert.Equal("Paperwire: for you, ann", feed.Title.Text);
        Assert.All(feed.Items, item =>
        {
            var text = item.Summary?.Text ?? ((TextSyndicationContent)item.Content).Text;
            Assert.Contains(Reason, text);
            Assert.StartsWith(PublicBase + "papers/2601.", item.Links.Single().Uri.AbsoluteUri);
        });
        return [.. feed.Items.Select(i => i.Links.Single().Uri.AbsoluteUri[(PublicBase + "papers/").Length..])];
    }

    private static async Task<List<string>> JsonFeedIdsAsync(TestApp app, string url)
    {
        using var response = await FetchAsync(app, url);
        Assert.Equal("application/feed+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true }, $"Cache-Control: {response.Headers.CacheControl}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(url, json.RootElement.GetProperty("feed_url").GetString());
        Assert.Equal(PublicBase + "for-you", json.RootElement.GetProperty("home_page_url").GetString());
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, item =>
        {
            Assert.Equal(Reason, item.GetProperty("summary").GetString());
            Assert.StartsWith(Reason + "\n\n", item.GetProperty("content_text").GetString());
        });
        return [.. items.Select(i => i.GetProperty("url").GetString()![(PublicBase + "papers/").Length..])];
    }

    private static async Task FeedparserReadsAsync(TestApp app, string url, List<string> ranked)
    {
        RequiredComponent.Require(SyndicationFeedTests.FeedparserInstalled(), "Python feedparser", "install Debian's python3-feedparser (./test.sh does)");
        using var response = await FetchAsync(app, url);
        var path = Path.Combine(app.Database.DataDirectory, "for-you-" + url.Split('.')[^1]);
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync(Cancel), Cancel);

        using var parsed = JsonDocument.Parse(await SyndicationFeedTests.RunFeedparserAsync(path));

        var root = parsed.RootElement;
        Assert.False(root.GetProperty("bozo").GetBoolean(), root.GetProperty("bozo_exception").GetString());
        var entries = root.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(ranked.Select(id => PublicBase + "papers/" + id), entries.Select(e => e.GetProperty("link").GetString()!));
        Assert.All(entries, e => Assert.Contains(Reason, e.GetProperty("summary").GetString()));
    }

    [GeneratedRegex("""<code class="secret">([^<]+)</code>""")]
    private static partial Regex FeedUrl();
}
