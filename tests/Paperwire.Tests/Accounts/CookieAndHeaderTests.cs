using System.Net;
using System.Text.RegularExpressions;

namespace Paperwire.Tests.Accounts;

/// <summary>What the browser is told: cookies script cannot read, and headers that refuse inline script and framing.</summary>
public partial class CookieAndHeaderTests
{
    [Fact]
    public async Task SignIn_SetsAnHttpOnlySameSiteLaxAuthCookie_SecureOverHttps_AndTheAntiforgeryCookieIsHttpOnlyToo()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");

        using var overHttp = new BrowserSession(app);
        var form = await overHttp.GetAsync("/account/signin");
        var antiforgery = Assert.Single(form.SetCookies, c => c.StartsWith("paperwire.csrf=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", antiforgery);
        Assert.Contains("samesite=strict", antiforgery);
        var cookie = AuthCookie(await overHttp.SignInAsync("ada"));
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.Contains("path=/", cookie);

        using var overHttps = new BrowserSession(app, baseAddress: new Uri("https://localhost/"));
        var secureCookie = AuthCookie(await overHttps.SignInAsync("ada"));
        Assert.Contains("httponly", secureCookie);
        Assert.Contains("samesite=lax", secureCookie);
        Assert.Contains("secure", secureCookie.Split(';', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task SecurityHeaders_AreOnPages_ApiResponses_AndErrorPages()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        using var browser = new BrowserSession(app);
        var responses = new List<WebPage>();
        foreach (var url in new[] { "/", "/account/signin", "/account/signup", "/account/forgot-password", "/u/ada", "/api/daily_papers", "/api/papers/2504.99999", "/no/such/page", "/u/nobody", "/account/confirm" })
        {
            responses.Add(await browser.GetAsync(url));
        }

        responses.Add(await browser.PostAsync("/account/signin", [])); // refused: no antiforgery token
        responses.Add(await browser.SignInAsync("ada")); // a redirect
        responses.Add(await browser.GetAsync("/")); // signed in

        Assert.Contains(responses, r => r.Status == HttpStatusCode.OK && r.Header("Content-Type")!.StartsWith("application/json", StringComparison.Ordinal));
        Assert.Contains(responses, r => r.Status == HttpStatusCode.NotFound && r.Header("Content-Type")!.StartsWith("application/problem+json", StringComparison.Ordinal));
        Assert.Contains(responses, r => r.Status == HttpStatusCode.NotFound && r.Header("Content-Type")!.StartsWith("text/html", StringComparison.Ordinal));
        Assert.Contains(responses, r => r.Status == HttpStatusCode.BadRequest);
        Assert.Contains(responses, r => r.Status == HttpStatusCode.Redirect);
        foreach (var response in responses)
        {
            var what = $"{response.Url.PathAndQuery} ({(int)response.Status})";
            var policy = response.Header("Content-Security-Policy") ?? throw new Xunit.Sdk.XunitException($"{what} has no Content-Security-Policy");
            var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Assert.True(directives.Contains("frame-ancestors 'none'"), $"{what}: {policy}");
            var scripts = directives.FirstOrDefault(d => d.StartsWith("script-src ", StringComparison.Ordinal))
                ?? directives.Single(d => d.StartsWith("default-src ", StringComparison.Ordinal));
            Assert.DoesNotContain("'unsafe-inline'", scripts);
            Assert.DoesNotContain("'unsafe-eval'", scripts);
            Assert.DoesNotContain("*", scripts);
            Assert.True(response.Header("X-Content-Type-Options") == "nosniff", what);
            Assert.True(response.Header("Referrer-Policy") is "no-referrer" or "same-origin" or "strict-origin" or "strict-origin-when-cross-origin", what);
        }
    }

    [Fact]
    public async Task AccountPages_HaveNoInlineScript_ThatThePolicyWouldBlock()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await AccountSteps.CreateConfirmedAsync(app, "ada", "ada@example.org");
        using var browser = new BrowserSession(app);
        var pages = new List<WebPage>();
        foreach (var url in new[] { "/account/signup", "/account/signin", "/account/forgot-password", "/account/check-email" })
        {
            pages.Add(await browser.GetAsync(url));
        }

        await browser.SignInAsync("ada");
        pages.Add(await browser.GetAsync("/"));
        pages.Add(await browser.GetAsync("/u/ada"));
        pages.Add(await browser.GetAsync("/account/signout"));

        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.DoesNotMatch(InlineScript(), page.Html);
            Assert.DoesNotMatch(EventHandlerAttribute(), page.Html);
            Assert.DoesNotContain("javascript:", page.Html, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string AuthCookie(WebPage signedIn)
    {
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        return Assert.Single(signedIn.SetCookies, c => c.StartsWith("paperwire.auth=", StringComparison.Ordinal)).ToLowerInvariant();
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[^>]+\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
