using System.Net;

namespace Paperwire.Tests.Web;

/// <summary>The API and the feeds answer every method in their own terms: ProblemDetails for errors, HEAD like GET.</summary>
public class ApiMethodTests
{
    [Theory]
    [InlineData("PUT", "/api/daily_papers")]
    [InlineData("DELETE", "/api/daily_papers")]
    [InlineData("PATCH", "/api/papers/2504.00001")]
    [InlineData("DELETE", "/api/papers/search?q=x")]
    [InlineData("PUT", "/feeds/latest.rss")]
    [InlineData("DELETE", "/feeds/date/2026-05-28.atom")]
    [InlineData("PUT", "/api/no/such/thing")]
    public async Task Errors_for_any_method_are_problem_details(string method, string url)
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var response = await app.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url), TestContext.Current.CancellationToken);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {url} answered {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":" + (int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/api/daily_papers")]
    [InlineData("/api/daily_papers?date=2026-05-28")]
    [InlineData("/api/daily_papers?date=yesterday")]
    [InlineData("/api/papers/2504.99999")]
    [InlineData("/feeds/latest.rss")]
    [InlineData("/feeds/month/2026-05.json")]
    [InlineData("/feeds/orgs/nobody.atom")]
    [InlineData("/papers/date/2026-05-28")]
    [InlineData("/robots.txt")]
    public async Task Head_answers_like_get_without_a_body(string url)
    {
        // On Kestrel, which owns the wire: a HEAD answer with a body would corrupt the next response on the connection.
        await using var app = await TestApp.StartOnLoopbackAsync();
        using var get = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
        using var head = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url), TestContext.Current.CancellationToken);

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        using var after = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(get.StatusCode, after.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), after.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Head_in_memory_sends_no_body_either()
    {
        await using var app = await TestApp.StartAsync();
        using var head = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/feeds/latest.rss"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }
}
