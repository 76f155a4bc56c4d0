using System.Net;

namespace Paperwire.Tests.Accounts;

/// <summary>
/// Behind a TLS-terminating proxy on the same machine: the proxy's X-Forwarded-Proto makes cookies Secure and its
/// X-Forwarded-For gives each client their own rate limit; the same headers from anyone else change nothing.
/// </summary>
public class ReverseProxyTests
{
    private static readonly IPAddress Proxy = IPAddress.Loopback;

    private static readonly IPAddress Stranger = IPAddress.Parse("203.0.113.9");

    [Fact]
    public async Task The_local_proxys_https_makes_cookies_Secure_but_a_strangers_claim_does_not()
    {
        // The antiforgery cookie of the sign-in form follows the request's scheme as the sign-in cookie does
        // (CookieSecurePolicy.SameAsRequest); a cookie jar would not send a Secure cookie back over plain HTTP, so
        // this test reads the form's cookie rather than signing in.
        await using var app = await TestApp.StartAsync(demo: false);

        using var viaProxy = new BrowserSession(app, Proxy);
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");
        viaProxy.Headers.Add("X-Forwarded-For", "198.51.100.7");
        Assert.Contains("secure", Attributes(await viaProxy.GetAsync("/account/signin")));

        using var forged = new BrowserSession(app, Stranger);
        forged.Headers.Add("X-Forwarded-Proto", "https");
        Assert.DoesNotContain("secure", Attributes(await forged.GetAsync("/account/signin")));
    }

    [Fact]
    public async Task Clients_behind_the_proxy_each_get_their_own_rate_limit_and_a_stranger_cannot_dodge_theirs()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var fields = new Dictionary<string, string> { ["Form.Login"] = "nobody", ["Form.Password"] = "guess guess guess" };

        using var first = new BrowserSession(app, Proxy);
        first.Headers.Add("X-Forwarded-For", "198.51.100.1");
        var form = await first.GetAsync("/account/signin");
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.SubmitAsync(form, fields)).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.SubmitAsync(form, fields)).Status);

        // Another client through the same proxy is not blocked by the first one's attempts.
        using var second = new BrowserSession(app, Proxy);
        second.Headers.Add("X-Forwarded-For", "198.51.100.2");
        Assert.Equal(HttpStatusCode.OK, (await second.SubmitAsync(await second.GetAsync("/account/signin"), fields)).Status);

        // A stranger who names a new address in every request is still counted by their own.
        using var stranger = new BrowserSession(app, Stranger);
        var strangerForm = await stranger.GetAsync("/account/signin");
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            stranger.Headers.Remove("X-Forwarded-For");
            stranger.Headers.Add("X-Forwarded-For", $"192.0.2.{attempt}");
            Assert.Equal(HttpStatusCode.OK, (await stranger.SubmitAsync(strangerForm, fields)).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await stranger.SubmitAsync(strangerForm, fields)).Status);
    }

    private static string[] Attributes(WebPage form) =>
        Assert.Single(form.SetCookies, c => c.StartsWith("paperwire.csrf=", StringComparison.Ordinal))
            .ToLowerInvariant().Split(';', StringSplitOptions.TrimEntries);
}
