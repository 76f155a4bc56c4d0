using System.Net;
using System.Text.Json;
using Paperwire.Storage;
using Paperwire.Tests.Digests;
using Paperwire.Tests.ForYou;
using static Paperwire.Tests.ForYou.InterestsKit;

namespace Paperwire.Tests.Accounts;

/// <summary><c>GET /api/account/export</c>: a reader downloads everything Paperwire holds about them, and nothing of anyone else's.</summary>
public class AccountExportTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_download_everything_held_about_me_and_nothing_about_others(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var ann = await ReaderWithEverySignalAsync(app, "ann");
        await ann.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/papers/{Upvoted}/comments", new { text = "Ann's note on sparse attention" });
        await app.AddActiveSubscriberAsync("ann@example.org", s => s.UserId = ann.UserId);
        var bob = await Reader.CreateAsync(app, "bob");
        await bob.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, $"/api/papers/{Upvoted}/comments", new { text = "Bob's private thoughts" });
        await app.AddActiveSubscriberAsync("bob@example.org", s => s.UserId = bob.UserId);
        using var browser = await SignInAsync(app, "ann");

        var download = await browser.GetAsync("/api/account/export");

        Assert.Equal(HttpStatusCode.OK, download.Status);
        Assert.Contains("attachment", download.Header("Content-Disposition"));
        Assert.Contains("no-store", download.Header("Cache-Control"));
        using var json = JsonDocument.Parse(download.Html);
        var root = json.RootElement;
        Assert.Equal("ann", root.GetProperty("profile").GetProperty("userName").GetString());
        Assert.Equal("Ann's note on sparse attention", Assert.Single(root.GetProperty("comments").EnumerateArray()).GetProperty("markdown").GetString());
        var collection = Assert.Single(root.GetProperty("collections").EnumerateArray());
        Assert.Equal("Reading", collection.GetProperty("name").GetString());
        Assert.Equal(Collected, Assert.Single(collection.GetProperty("items").EnumerateArray()).GetProperty("paperId").GetString());
        Assert.Equal("ann@example.org", Assert.Single(root.GetProperty("digestSubscriptions").EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal(Upvoted, Assert.Single(root.GetProperty("interests").GetProperty("upvoted").EnumerateArray()).GetProperty("paperId").GetString());
        Assert.Equal(3, root.GetProperty("interests").GetProperty("follows").GetArrayLength());
        Assert.Equal(Authored, Assert.Single(root.GetProperty("authorshipClaims").EnumerateArray()).GetProperty("paperId").GetString());
        Assert.NotEmpty(root.GetProperty("apiTokens").EnumerateArray());
        Assert.NotEmpty(root.GetProperty("sessions").EnumerateArray());
        Assert.DoesNotContain("Bob", download.Html);
        Assert.DoesNotContain("bob@example.org", download.Html);
        Assert.DoesNotContain("passwordHash", download.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"hash\"", download.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ticket", download.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_signed_out_visitor_gets_no_export()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var browser = new BrowserSession(app);

        var download = await browser.GetAsync("/api/account/export");

        Assert.Equal(HttpStatusCode.Unauthorized, download.Status);
    }
}
