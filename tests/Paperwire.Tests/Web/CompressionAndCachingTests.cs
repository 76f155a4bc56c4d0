using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Paperwire.Hosting;

namespace Paperwire.Tests.Web;

/// <summary>Smaller answers (Brotli, gzip) and stylesheets a browser keeps for a year.</summary>
public partial class CompressionAndCachingTests
{
    private static readonly string[] Compressible =
    [
        "/", "/papers/date/2026-05-28", "/api/daily_papers", "/api/papers/search?q=vision", "/feeds/latest.rss", "/feeds/latest.atom",
        "/feeds/latest.json", "/css/site.css", "/openapi/v1.json",
    ];

    [Fact]
    public async Task Pages_json_and_feeds_come_compressed_and_decompress_to_the_same_content()
    {
        await using var app = await TestApp.StartAsync();
        foreach (var path in Compressible)
        {
            var plain = await GetAsync(app, path, acceptEncoding: null);
            Assert.Empty(plain.Encodings);
            foreach (var encoding in (string[])["br", "gzip"])
            {
                var compressed = await GetAsync(app, path, encoding);

                Assert.True(compressed.Encodings.SequenceEqual([encoding]), $"{path} with {encoding}: Content-Encoding {string.Join(",", compressed.Encodings)}");
                Assert.Contains("Accept-Encoding", compressed.Vary, StringComparer.OrdinalIgnoreCase);
                Assert.True(compressed.Body.Length < plain.Body.Length, $"{path} with {encoding}: {compressed.Body.Length} bytes, plain {plain.Body.Length}");
                Assert.Equal(WithoutAntiforgeryTokens(plain.Text), WithoutAntiforgeryTokens(Decompress(compressed.Body, encoding)));
            }
        }
    }

    [Fact]
    public async Task A_client_that_prefers_gzip_gets_gzip()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var answer = await GetAsync(app, "/feeds/latest.atom", "gzip;q=1, br;q=0.5");
        Assert.Equal(["gzip"], answer.Encodings);
    }

    /// <summary>
    /// Compressing pages that carry secrets is safe from BREACH only because no secret repeats from one answer to
    /// the next (docs/security.md): the antiforgery token in a form is encrypted afresh on every render.
    /// </summary>
    [Fact]
    public async Task Antiforgery_tokens_differ_on_every_render_of_the_same_form()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var visitor = new BrowserSession(app);

        var first = (await visitor.GetAsync("/account/signin")).AntiforgeryToken;
        var second = (await visitor.GetAsync("/account/signin")).AntiforgeryToken;

        Assert.NotEqual(first, second);
        // Same visitor, same antiforgery cookie: the difference is fresh encryption, not a new session.
        Assert.Single(visitor.Cookies.GetAllCookies(), c => c.Name == "paperwire.csrf");
    }

    [Fact]
    public async Task A_versioned_stylesheet_from_the_layout_is_cached_for_a_year()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var html = await app.Client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var stylesheets = Stylesheet().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["href"].Value)).ToList();
        Assert.NotEmpty(stylesheets);

        foreach (var href in stylesheets)
        {
            Assert.Matches(@"\?v=[\w-]+$", href);
            using var response = await app.Client.GetAsync(href, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(StaticFileCaching.Immutable, response.Headers.CacheControl?.ToString());
        }
    }

    [Theory]
    [InlineData("/css/site.css")]
    [InlineData("/css/site.css?v=not-the-current-hash")]
    [InlineData("/css/site.css?v=")]
    public async Task A_stylesheet_without_its_current_version_is_revalidated_every_time(string url)
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Null(response.Headers.CacheControl?.MaxAge);
    }

    private static async Task<Answer> GetAsync(TestApp app, string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return new Answer(body, [.. response.Content.Headers.ContentEncoding], [.. response.Headers.Vary]);
    }

    private static string Decompress(byte[] body, string encoding)
    {
        using Stream decoder = encoding == "br"
            ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var reader = new StreamReader(decoder);
        return reader.ReadToEnd();
    }

    /// <summary>Each render encrypts the token afresh (see above); everything else must be byte for byte the same.</summary>
    private static string WithoutAntiforgeryTokens(string html) => AntiforgeryValue().Replace(html, "TOKEN");

    private sealed record Answer(byte[] Body, string[] Encodings, string[] Vary)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Body);
    }

    [GeneratedRegex("""<link rel="stylesheet" href="(?<href>[^"]+)""")]
    private static partial Regex Stylesheet();

    [GeneratedRegex("<input[^>]*__RequestVerificationToken[^>]*>")]
    private static partial Regex AntiforgeryValue();
}
