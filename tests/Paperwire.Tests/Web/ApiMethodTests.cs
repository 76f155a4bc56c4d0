using System.Net;
using System.Text.Json;

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
        await AssertErrorMessageAsync(response);
    }

    [Theory]
    [InlineData("GET", "/api/daily_papers?date=yesterday", 400, "Invalid daily papers query: 'yesterday' is not a date as YYYY-MM-DD")]
    [InlineData("GET", "/api/daily_papers?sort=oldest&limit=0", 400, "sort must be publishedAt or trending")]
    [InlineData("GET", "/api/papers/2504.99999", 404, "Paper not found: No paper with id '2504.99999' is in the catalog.")]
    [InlineData("GET", "/api/papers/2504.99999/similar?limit=x", 400, "limit must be a whole number from 1 to 50")]
    [InlineData("GET", "/api/papers/search?q=", 400, "Invalid search: Type something to search for (q).")]
    [InlineData("GET", "/api/no/such/thing", 404, "Not found: There is nothing at this address.")]
    [InlineData("DELETE", "/api/daily_papers", 405, "Not allowed")]
    [InlineData("POST", "/api/papers/2504.99999/upvote", 401, "Sign-in required")]
    [InlineData("GET", "/feeds/date/2026-13-45.rss", 400, "Invalid feed window: '2026-13-45' is not a valid date, week or month.")]
    public async Task Every_error_says_why_in_the_body_and_the_header(string method, string url, int status, string reason)
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var response = await app.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url), TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, await AssertErrorMessageAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/no/such/thing", 404)]
    [InlineData("/api/papers/2504.99999", 404)]
    [InlineData("/api/daily_papers?date=yesterday", 400)]
    [InlineData("/feeds/orgs/nobody.atom", 404)]
    public async Task Errors_are_problem_json_even_for_a_client_that_asks_for_html(string url, int status)
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertErrorMessageAsync(response);
    }

    [Fact]
    public async Task An_error_about_unicode_input_keeps_it_in_the_body_and_sends_ascii_in_the_header()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var response = await app.Client.GetAsync("/api/papers/" + Uri.EscapeDataString("ünïcødé-“id”\u0007" + new string('x', 3000)), TestContext.Current.CancellationToken);

        Assert.Equal(400, (int)response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var body = json.RootElement.GetProperty("error").GetString()!;
        Assert.Contains("'ünïcødé-\"id\"", body, StringComparison.Ordinal); // typographic quotes as ASCII, letters kept
        var header = Assert.Single(response.Headers.GetValues("X-Error-Message"));
        Assert.StartsWith("Invalid paper id: '?n?c?d?-\"id\" ", header, StringComparison.Ordinal);
        Assert.All(header, c => Assert.InRange(c, ' ', '~'));
    }

    private static List<string> ComparableHeaders(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not ("Date" or "Age" or "Transfer-Encoding" or "Content-Length" or "Set-Cookie"))
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}")
            .Order(StringComparer.Ordinal)];

    /// <summary>The <c>error</c> member huggingface_hub reads, equal to the <c>X-Error-Message</c> header (for ASCII text); returns it.</summary>
    internal static async Task<string> AssertErrorMessageAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var error = json.RootElement.GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Equal(error, Assert.Single(response.Headers.GetValues("X-Error-Message")));
        // The client reads "errors" as a list of {message}; a validation problem's field names must not look like one.
        if (json.RootElement.TryGetProperty("errors", out var errors))
        {
            Assert.All(errors.EnumerateObject(), field => Assert.DoesNotContain("message", field.Name, StringComparison.Ordinal));
        }

        return error!;
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
    [InlineData("/api/daily_papers?month=2025-05&limit=1")]
    [InlineData("/api/papers/search?q=vision")]
    [InlineData("/api/papers/search?q=")]
    [InlineData("/api/papers/2504.99999/similar")]
    [InlineData("/api/papers/2504.99999/comments")]
    [InlineData("/feeds/week/2025-W21.atom")]
    [InlineData("/feeds/date/2026-13-45.rss")]
    [InlineData("/papers/2504.99999")]
    public async Task Head_answers_like_get_without_a_body(string url)
    {
        // On Kestrel, which owns the wire: a HEAD answer with a body would corrupt the next response on the connection.
        await using var app = await TestApp.StartOnLoopbackAsync();
        using var get = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
        using var head = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url), TestContext.Current.CancellationToken);

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        // The same headers (Link, Vary, X-Error-Message, caching, security), but for the ones about this very answer.
        Assert.Equal(ComparableHeaders(get), ComparableHeaders(head));
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
