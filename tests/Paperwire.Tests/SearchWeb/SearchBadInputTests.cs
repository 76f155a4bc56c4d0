using System.Diagnostics;
using System.Net;
using System.Text.Json;
using static Paperwire.Tests.SearchWeb.SearchTestKit;

namespace Paperwire.Tests.SearchWeb;

/// <summary>Whatever a user types into the search box or the API gets a clear answer, quickly: a 400 naming the parameter, or results.</summary>
public class SearchBadInputTests(SearchBadInputTests.DemoApp demo) : IClassFixture<SearchBadInputTests.DemoApp>
{
    /// <summary>Query strings that are wrong, and the parameter the 400 must name.</summary>
    public static readonly TheoryData<string, string> Invalid = new()
    {
        { "q=", "q" },
        { "q=%20%20%09%20", "q" },
        { "q=%00", "q" }, // control characters alone are no query either
        { "limit=5", "q" }, // no q at all
        { "q=" + new string('a', 10_000), "q" },
        { "q=" + new string('a', 501), "q" },
        { "q=" + Uri.EscapeDataString(Wildcards(200, " ")), "q" }, // 200 wildcards do not fit in 500 characters
        { "q=" + Uri.EscapeDataString(new string('(', 300) + "x" + new string(')', 300)), "q" }, // nor do 300 nested parentheses
        { "q=x&limit=0", "limit" },
        { "q=x&limit=100000", "limit" },
        { "q=x&limit=abc", "limit" },
        { "q=x&limit=-5", "limit" },
        { "q=x&p=-1", "p" },
        { "q=x&p=99999999999999999999", "p" },
        { "q=x&from=2025-13-01", "from" },
        { "q=x&from=yesterday", "from" },
        { "q=x&to=2025-02-30", "to" },
        { "q=x&from=2025-05-01&to=2025-04-01", "to" },
        { "q=x&category=../../etc", "category" },
        { "q=x&category=cs.CL%3BDROP%20TABLE", "category" },
        { "q=x&org=" + new string('o', 101), "org" },
        { "q=x&mode=bogus", "mode" },
    };

    /// <summary>Queries that are odd but valid: each answers 200 at once.</summary>
    private static readonly string[] Odd =
    [
        new string('a', 500),
        Wildcards(166, " "), // as many "a* b* c* …" as 500 characters hold
        Wildcards(250, ""), // "a*b*c*…"
        new string('(', 249) + "x" + new string(')', 249), // as deep as 500 characters allow
        new string('(', 300) + "vision",
        "\"unbalanced quote",
        "\"",
        "\"\"\"\"",
        "title:foo AND (bar OR",
        "vision AND NOT OR transformer~2^3",
        "🧪🔬 vision",
        "🧪",
        "شبكة عصبية للرؤية",
        "רשת עצבית vision",
        "\u202Evision",
        "vision\0transformer",
        "\\",
        "\\\\",
        "~",
        "^",
        "*",
        "?",
        "+-&&||!(){}[]^\"~*?:\\/",
        "<script>alert(1)</script>",
        "%00",
        "'; DROP TABLE papers; --",
    ];

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task InvalidParameters_AreA400ProblemNamingTheParameter(string query, string parameter)
    {
        var app = await demo.ReadyAsync();

        using var response = await app.Client.GetAsync("/api/papers/search?" + query, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var errors = problem.RootElement.GetProperty("errors");
        var message = errors.GetProperty(parameter)[0].GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
    }

    [Fact]
    public async Task TooLongQueries_SayHowLongTheyMayBe()
    {
        var app = await demo.ReadyAsync();

        using var response = await app.Client.GetAsync("/api/papers/search?q=" + new string('a', 10_000), Cancel);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal("A search can be at most 500 characters; this one has 10000.", problem.RootElement.GetProperty("errors").GetProperty("q")[0].GetString());
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task InvalidParameters_OnTheSearchPage_AreAFriendly400WithTheMessage(string query, string parameter)
    {
        var app = await demo.ReadyAsync();
        using var api = await app.Client.GetAsync("/api/papers/search?" + query, Cancel);
        using var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync(Cancel));
        var message = problem.RootElement.GetProperty("errors").GetProperty(parameter)[0].GetString()!;

        using var page = await app.Client.GetAsync("/search?" + query, Cancel);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, html);
        Assert.Contains("class=\"search-form\"", html); // the user can correct the search right there
        Assert.DoesNotContain("   at ", html);
        Assert.DoesNotContain("Exception", html);
    }

    [Fact]
    public async Task OddQueries_Answer200Quickly_OnTheApiAndThePage()
    {
        var app = await demo.ReadyAsync();

        foreach (var text in Odd)
        {
            foreach (var url in new[] { "/api/papers/search?q=", "/search?q=" })
            {
                // Milliseconds normally; the bound is loose for a loaded 2-core machine, and still catches a query that burns CPU.
                var clock = Stopwatch.StartNew();
                using var response = await app.Client.GetAsync(url + Uri.EscapeDataString(text), Cancel);
                var body = await response.Content.ReadAsStringAsync(Cancel);
                var shown = text.Length > 40 ? text[..40] + "…" : text;

                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}{shown} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{url}{shown} took {clock.Elapsed.TotalMilliseconds:F0} ms");
                Assert.DoesNotContain("   at ", body);
            }
        }
    }

    [Fact]
    public async Task OddQueries_StillFindTheWordsInThem()
    {
        var app = await demo.ReadyAsync();

        // Syntax a search engine might read is just text here: the word inside still counts.
        foreach (var text in new[] { "(((((wavemix)))))", "title: wavemix", "wavemix*", "\"wavemix", "wavemix~", "wavemix^", "🧪wavemix", "wavemix\0", "\\wavemix", "WAVEMIX AND (" })
        {
            var ids = await SearchIdsAsync(app.Client, "q=" + Uri.EscapeDataString(text));
            using var first = await SearchJsonAsync(app.Client, "limit=1&q=" + Uri.EscapeDataString(text));
            Assert.True(ids.Count > 0, $"'{text}' found nothing");
            Assert.StartsWith("WaveMix", first.RootElement[0].GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task ScriptInTheQuery_IsShownAsText_NeverRun()
    {
        var app = await demo.ReadyAsync();

        var html = await app.Client.GetStringAsync("/search?q=" + Uri.EscapeDataString("<script>alert(1)</script>"), Cancel);

        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public async Task PlainSearchPage_ShowsTheFormAndNoErrors()
    {
        var app = await demo.ReadyAsync();

        using var response = await app.Client.GetAsync("/search", Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("class=\"search-form\"", html);
        Assert.DoesNotContain("form-errors", html);
    }

    [Fact]
    public async Task TenThousandCharacterQuery_OnARealServer_IsAClear4xxNotA500()
    {
        // On Kestrel, as in production: a URL this long may be refused before the app sees it, but never with a 500.
        await using var app = await TestApp.StartOnLoopbackAsync(demo: false);

        foreach (var url in new[] { "/api/papers/search?q=", "/search?q=" })
        {
            using var response = await app.Client.GetAsync(url + new string('a', 10_000), Cancel);
            var body = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{url}… answered {(int)response.StatusCode}");
            Assert.DoesNotContain("   at ", body);
        }
    }

    private static string Wildcards(int count, string separator) =>
        string.Join(separator, Enumerable.Range(0, count).Select(i => $"{(char)('a' + (i % 26))}*"));

    /// <summary>One app with the demo corpus indexed, shared by the tests here: they only read.</summary>
    public sealed class DemoApp : IAsyncLifetime
    {
        private TestApp? app;
        private Task? indexed;

        public async ValueTask InitializeAsync() => app = await TestApp.StartAsync();

        public async Task<TestApp> ReadyAsync()
        {
            indexed ??= UntilAsync(async () => (await SearchIdsAsync(app!.Client, "q=wavemix")).Count > 0, "the demo corpus is indexed");
            await indexed;
            return app!;
        }

        public async ValueTask DisposeAsync()
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }
}
