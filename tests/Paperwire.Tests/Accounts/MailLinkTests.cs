using System.Text.RegularExpressions;

namespace Paperwire.Tests.Accounts;

/// <summary>
/// Every link in account mail starts with <c>Paperwire:PublicBaseUrl</c>, whatever <c>Host</c> the request that
/// caused the mail named: a reset link on a stranger's host would hand them the reset code.
/// </summary>
public partial class MailLinkTests
{
    private const string PublicAddress = "https://papers.example.org/";

    [Fact]
    public async Task Account_mail_links_point_at_the_public_address_when_the_request_names_another_host()
    {
        await using var app = await TestApp.StartAsync(demo: false, settings: new Dictionary<string, string?> { ["Paperwire:PublicBaseUrl"] = PublicAddress });
        using var attacker = new BrowserSession(app);
        attacker.Headers.Host = "evil.example";

        await attacker.SignUpAsync("ada", "ada@example.org"); // confirmation
        await attacker.SignUpAsync("ada2", "ada@example.org"); // "already registered"
        await attacker.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "nobody@example.org" }); // "no account"
        await new BrowserSession(app).ConfirmAsync(app, "ada@example.org");
        await attacker.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "ada@example.org" }); // reset

        var mail = Mailbox.Of(app).Messages();
        Assert.Equal(4, mail.Count);
        foreach (var message in mail)
        {
            Assert.DoesNotContain("evil.example", message.TextBody, StringComparison.OrdinalIgnoreCase);
            var links = Links().Matches(message.TextBody ?? "").Select(m => m.Value).ToList();
            Assert.NotEmpty(links);
            Assert.All(links, link => Assert.StartsWith(PublicAddress + "account/", link, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Mail_links_keep_the_path_of_a_public_address_under_a_path()
    {
        await using var app = await TestApp.StartAsync(demo: false, settings: new Dictionary<string, string?> { ["Paperwire:PublicBaseUrl"] = "https://example.org/papers" });
        using var browser = new BrowserSession(app);
        await browser.SignUpAsync("ada", "ada@example.org");

        var link = Links().Match(Mailbox.Of(app).Message("ada@example.org", "Confirm your Paperwire account").TextBody ?? "").Value;
        Assert.StartsWith("https://example.org/papers/account/confirm?userId=", link, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Links();
}

/// <summary>With a public address configured, feeds and Markdown link to it whatever Host the request names.</summary>
public class PublicLinkTests
{
    [Theory]
    [InlineData("/feeds/latest.rss")]
    [InlineData("/feeds/latest.atom")]
    [InlineData("/feeds/latest.json")]
    [InlineData("/api/daily_papers?limit=1")]
    public async Task Absolute_links_use_the_configured_public_address_not_the_Host_header(string url)
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["Paperwire:PublicBaseUrl"] = "https://papers.example.org" });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = "evil.example";

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) + string.Join(" ", response.Headers.Select(h => string.Join(",", h.Value)));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        if (!url.StartsWith("/api", StringComparison.Ordinal))
        {
            Assert.Contains("https://papers.example.org/papers/", body, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("<https://papers.example.org/api/daily_papers?", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_public_address_a_feed_links_to_the_address_it_was_asked_on()
    {
        await using var app = await TestApp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/latest.json");
        request.Headers.Host = "papers.internal";

        var body = await (await app.Client.SendAsync(request, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("http://papers.internal/papers/", body, StringComparison.Ordinal); // also shows the Host header reaches the app in these tests
    }
}
