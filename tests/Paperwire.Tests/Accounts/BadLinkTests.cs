using System.Net;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;

namespace Paperwire.Tests.Accounts;

/// <summary>Broken confirmation links and profile addresses get a friendly 4xx page, never a 500, on either database.</summary>
public class BadLinkTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ConfirmLinks_ThatAreIncompleteDamagedOrWrong_GetAFriendly400_AndConfirmNothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync("ada", "ada@example.org");
        var link = Mailbox.LinkIn(Mailbox.Of(app).Message("ada@example.org", "Confirm your Paperwire account"));
        var userId = System.Web.HttpUtility.ParseQueryString(new Uri(app.BaseAddress, link).Query)["userId"]!;
        const string Incomplete = "This confirmation link is incomplete. Use the whole link from the email.";
        const string Damaged = "This confirmation link is damaged. Use the whole link from the email.";
        const string Invalid = "This confirmation link is invalid or has expired. Sign up again to get a new one.";

        var cases = new (string Url, string Message)[]
        {
            ("/account/confirm", Incomplete),
            ($"/account/confirm?userId={userId}", Incomplete),
            ("/account/confirm?code=Q2ZESjg", Incomplete),
            ($"/account/confirm?userId={userId}&code=" + new string('A', 3000), Incomplete),
            ($"/account/confirm?userId={userId}&code=%21%21%21", Damaged),
            ($"/account/confirm?userId={userId}&code=Q2ZESjhBQUFB", Invalid),
            ("/account/confirm?userId=00000000-0000-0000-0000-000000000000&code=Q2ZESjhBQUFB", Invalid),
            ("/account/confirm?userId=%27%3B--&code=Q2ZESjhBQUFB", Invalid),
            (link.Replace(userId, "x" + userId[1..], StringComparison.Ordinal), Invalid),
        };
        foreach (var (url, message) in cases)
        {
            var page = await browser.GetAsync(url);
            Assert.True(page.Status == HttpStatusCode.BadRequest, $"{url} answered {(int)page.Status}");
            Assert.Contains(message, page.Text);
            Assert.Contains("class=\"error-page\"", page.Html);
        }

        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.EmailConfirmed)));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Profiles_OfUnknownOrUnconfirmedUsers_Are404_AndInvalidNames400(DatabaseProvider provider)
    {
        // On Kestrel, as in production: the in-memory test server refuses a %00 in the path before the app sees it.
        await using var app = await TestApp.StartOnLoopbackAsync(provider, demo: false);
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync("unconfirmed", "unconfirmed@example.org");

        var unknown = await browser.GetAsync("/u/nobody");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("No user is called nobody.", unknown.Text);
        Assert.Contains("class=\"error-page\"", unknown.Html);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/u/unconfirmed")).Status);

        foreach (var url in new[] { "/u/%3Cscript%3E", "/u/" + new string('a', 101), "/u/-ada", "/u/ada%20lovelace" })
        {
            var page = await browser.GetAsync(url);
            Assert.True(page.Status == HttpStatusCode.BadRequest, $"{url} answered {(int)page.Status}");
            Assert.Contains("is not a user name.", page.Text);
            Assert.DoesNotContain("<script>", page.Html);
        }

        foreach (var url in new[] { "/u/ada%00", "/u/%00" })
        {
            var page = await browser.GetAsync(url);
            Assert.True(page.Status == HttpStatusCode.BadRequest, $"{url} answered {(int)page.Status}");
            Assert.DoesNotContain("   at ", page.Html);
        }
    }
}
