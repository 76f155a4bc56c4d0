using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;

namespace Paperwire.Tests.Community.Collections;

/// <summary>Collection pages and feeds: private ones invisible to others everywhere, hostile text inert, feeds in order.</summary>
public class CollectionPageAndFeedTests
{
    private const string Payload = "<script>alert('pw')</script><img src=x onerror=alert(1)>";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Private_collection_is_invisible_to_others_on_pages_api_feeds_and_paper_page(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var ada = await TestUser.CreateAsync(app, "ada");
        var bob = await TestUser.CreateAsync(app, "bob");
        foreach (var (name, isPublic) in ((string, bool)[])[("Secret shortlist", false), ("Open shelf", true)])
        {
            var id = (await CollectionApiTests.CreateAsync(ada, name, isPublic: isPublic)).GetProperty("id").GetInt64();
            using var added = await ada.SendAsync(HttpMethod.Post, $"/api/collections/{id}/items", new { paper = "2605.00001" });
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        var bobBrowser = await bob.SignInAsync();
        foreach (var url in (string[])["/collections/ada/secret-shortlist", "/feeds/collections/ada/secret-shortlist.rss", "/feeds/collections/ada/secret-shortlist.json"])
        {
            using var anonymous = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
            using var other = await bobBrowser.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            Assert.DoesNotContain("Secret shortlist", await other.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        using (var api = await bob.SendAsync(HttpMethod.Get, "/api/collections/ada/secret-shortlist"))
        {
            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        }

        using (var own = await ada.SendAsync(HttpMethod.Get, "/api/collections/ada/secret-shortlist"))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        var ownPage = await (await ada.SignInAsync()).GetStringAsync("/collections/ada/secret-shortlist");
        Assert.Contains("Secret shortlist", ownPage);
        Assert.Contains("Remove from collection", ownPage);

        foreach (var page in (string[])[await app.Client.GetStringAsync("/papers/2605.00001", TestContext.Current.CancellationToken), await bobBrowser.GetStringAsync("/papers/2605.00001")])
        {
            Assert.Contains("Open shelf", page);
            Assert.DoesNotContain("Secret shortlist", page);
        }

        var profile = await bobBrowser.GetStringAsync("/u/ada");
        Assert.Contains("Open shelf", profile);
        Assert.DoesNotContain("Secret shortlist", profile);
        var publicPage = await bobBrowser.GetStringAsync("/collections/ada/open-shelf");
        Assert.DoesNotContain("Remove from collection", publicPage);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Making_a_collection_private_takes_it_off_cached_pages_and_feeds(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var ada = await TestUser.CreateAsync(app, "ada");
        var id = (await CollectionApiTests.CreateAsync(ada, "Soon secret", isPublic: true)).GetProperty("id").GetInt64();
        using (var added = await ada.SendAsync(HttpMethod.Post, $"/api/collections/{id}/items", new { paper = "2605.00002" }))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        // Warm the anonymous caches.
        Assert.Contains("Soon secret", await app.Client.GetStringAsync("/papers/2605.00002", TestContext.Current.CancellationToken));
        Assert.Contains("Soon secret", await app.Client.GetStringAsync("/collections/ada/soon-secret", TestContext.Current.CancellationToken));
        Assert.Contains("Soon secret", await app.Client.GetStringAsync("/feeds/collections/ada/soon-secret.atom", TestContext.Current.CancellationToken));

        using (var hidden = await ada.SendAsync(HttpMethod.Put, $"/api/collections/{id}", new { @public = false }))
        {
            Assert.Equal(HttpStatusCode.OK, hidden.StatusCode);
        }

        Assert.DoesNotContain("Soon secret", await app.Client.GetStringAsync("/papers/2605.00002", TestContext.Current.CancellationToken));
        using var page = await app.Client.GetAsync("/collections/ada/soon-secret", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        using var feed = await app.Client.GetAsync("/feeds/collections/ada/soon-secret.atom", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, feed.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Script_in_collection_name_description_and_note_renders_inert_on_pages_and_in_feeds(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var ada = await TestUser.CreateAsync(app, "ada");
        var created = await CollectionApiTests.CreateAsync(ada, "Evil " + Payload, Payload, isPublic: true);
        var id = created.GetProperty("id").GetInt64();
        var slug = created.GetProperty("slug").GetString();
        using (var added = await ada.SendAsync(HttpMethod.Post, $"/api/collections/{id}/items", new { paper = "2605.00003", note = Payload }))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        Assert.Matches("^[a-z0-9-]+$", slug);
        var pages = new[]
        {
            await app.Client.GetStringAsync($"/collections/ada/{slug}", TestContext.Current.CancellationToken),
            await app.Client.GetStringAsync("/papers/2605.00003", TestContext.Current.CancellationToken),
            await app.Client.GetStringAsync("/u/ada", TestContext.Current.CancellationToken),
            await (await ada.SignInAsync()).GetStringAsync($"/collections/ada/{slug}"),
        };
        foreach (var html in pages)
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(", html);
        }

        foreach (var format in (string[])["rss", "atom"])
        {
            var xml = await app.Client.GetStringAsync($"/feeds/collections/ada/{slug}.{format}", TestContext.Current.CancellationToken);
            Assert.DoesNotContain("<script", xml, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", xml, StringComparison.OrdinalIgnoreCase);
            var feed = SyndicationFeed.Load(XmlReader.Create(new StringReader(xml)));
            if (format == "rss")
            {
                // RSS readers render a title and a description as HTML: what they get after the XML is read must be
                // escaped HTML, which shows the payload as text (it reached readers as live markup before).
                Assert.DoesNotContain("<", feed.Title.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("<", feed.Description.Text, StringComparison.Ordinal);
                Assert.Contains(Payload, WebUtility.HtmlDecode(feed.Title.Text));
                Assert.Equal(Payload, WebUtility.HtmlDecode(feed.Description.Text));
            }
            else
            {
                Assert.Equal("text", feed.Title.Type); // Atom says the title is text; readers do not parse it
                Assert.Contains(Payload, feed.Title.Text);
                Assert.Equal(Payload, feed.Description.Text);
            }
        }

        using var json = JsonDocument.Parse(await app.Client.GetStringAsync($"/feeds/collections/ada/{slug}.json", TestContext.Current.CancellationToken));
        Assert.Contains(Payload, json.RootElement.GetProperty("title").GetString());
        Assert.False(json.RootElement.TryGetProperty("content_html", out _));
    }

    [Theory]
    [InlineData("rss")]
    [InlineData("atom")]
    public async Task Feed_of_a_public_collection_parses_and_lists_its_papers_in_order(string format)
    {
        await using var app = await CommunityApp.StartAsync(DatabaseProvider.Sqlite);
        var ada = await TestUser.CreateAsync(app, "ada");
        var id = (await CollectionApiTests.CreateAsync(ada, "Weekend reading", "For Saturday", isPublic: true)).GetProperty("id").GetInt64();
        foreach (var paper in (string[])["2605.00003", "2605.00001", "hep-th/9901001", "2605.00002"])
        {
            using var added = await ada.SendAsync(HttpMethod.Post, $"/api/collections/{id}/items", new { paper });
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        using (var moved = await ada.SendAsync(HttpMethod.Put, $"/api/collections/{id}/items/2605.00002", new { position = 1 }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        using var response = await app.Client.GetAsync($"/feeds/collections/ada/weekend-reading.{format}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"application/{format}+xml", response.Content.Headers.ContentType?.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var feed = SyndicationFeed.Load(reader);

        Assert.Equal(["Curating the daily feed", "Sparse mixtures of readers", "Attention is all we collect", "An old-style string paper"], feed.Items.Select(i => i.Title.Text));
        Assert.Contains("Weekend reading", feed.Title.Text);
        Assert.Equal(app.BaseAddress + "papers/hep-th/9901001", feed.Items.Last().Links.Single().Uri.AbsoluteUri);

        using var json = JsonDocument.Parse(await app.Client.GetStringAsync("/feeds/collections/ada/weekend-reading.json", TestContext.Current.CancellationToken));
        Assert.Equal("https://jsonfeed.org/version/1.1", json.RootElement.GetProperty("version").GetString());
        Assert.Equal(app.BaseAddress + "collections/ada/weekend-reading", json.RootElement.GetProperty("home_page_url").GetString());
        Assert.Equal(feed.Items.Select(i => i.Title.Text), json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_build_a_collection_with_the_pages(DatabaseProvider provider)
    {
        await using var app = await CommunityApp.StartAsync(provider);
        var ada = await TestUser.CreateAsync(app, "ada");
        var browser = await ada.SignInAsync();

        using (var created = await browser.SubmitAsync("/collections/mine", "/collections/mine", new() { ["name"] = "To read", ["description"] = "Later", ["isPublic"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            Assert.Equal("/collections/ada/to-read", created.Headers.Location?.OriginalString);
        }

        var collectionId = await app.QueryAsync(db => db.Collections.Select(c => c.Id).SingleAsync());
        Assert.Contains("Add to collection", await browser.GetStringAsync("/papers/2605.00001"));
        foreach (var paper in (string[])["2605.00001", "2605.00002"])
        {
            using var added = await browser.SubmitAsync($"/papers/{paper}", $"/collections/add?paper={paper}", new() { ["collection"] = collectionId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["note"] = "note " + paper });
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        using (var moved = await browser.SubmitAsync("/collections/ada/to-read", "/collections/ada/to-read?handler=Item", new() { ["paper"] = "2605.00002", ["position"] = "1", ["note"] = "first!" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        }

        using (var renamed = await browser.SubmitAsync("/collections/ada/to-read", "/collections/ada/to-read?handler=Update", new() { ["name"] = "Reading now", ["description"] = "" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        }

        var page = await browser.GetStringAsync("/collections/ada/to-read");
        Assert.Contains("Reading now", page);
        Assert.Contains("A private collection", page);
        Assert.True(page.IndexOf("Sparse mixtures of readers", StringComparison.Ordinal) < page.IndexOf("Attention is all we collect", StringComparison.Ordinal));
        Assert.Contains("first!", page);
        Assert.Contains("Reading now", await browser.GetStringAsync("/collections/mine"));

        // Another user's page handlers cannot touch it: the private collection is not found.
        var bob = await (await TestUser.CreateAsync(app, "bob")).SignInAsync();
        using (var attempt = await bob.SubmitAsync("/collections/mine", "/collections/ada/to-read?handler=Delete", []))
        {
            Assert.Equal(HttpStatusCode.NotFound, attempt.StatusCode);
        }

        using (var deleted = await browser.SubmitAsync("/collections/ada/to-read", "/collections/ada/to-read?handler=Delete", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        Assert.Equal(0, await app.QueryAsync(db => db.Collections.CountAsync()));
    }
}
