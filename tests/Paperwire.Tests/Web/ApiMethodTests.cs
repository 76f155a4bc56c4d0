using System.Net;

namespace Paperwire.Tests.Web;

/// <summary>The API and the feeds answer every method in their own terms: ProblemDetails for errors.</summary>
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
}
