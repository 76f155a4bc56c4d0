using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Paperwire.Hosting;

namespace Paperwire.Tests.Web;

/// <summary>Every page loads one stylesheet: all of wwwroot/css joined, cached for a year under its hash, revalidated otherwise.</summary>
public partial class StylesheetBundleTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/papers/new")]
    [InlineData("/papers/date/2026-03-05")]
    [InlineData("/account/signin")]
    public async Task A_page_links_exactly_one_stylesheet_the_versioned_bundle(string path)
    {
        await using var app = await TestApp.StartAsync();

        var html = await app.Client.GetStringAsync(path, Cancel);

        var href = Assert.Single(Stylesheet().Matches(html)).Groups["href"].Value;
        Assert.Matches(@"^/css/paperwire\.css\?v=[\w-]{43}$", href);
    }

    [Fact]
    public async Task The_bundle_holds_every_css_file_site_css_first_then_the_rest_by_name()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var folder = Path.Combine(AppContext.BaseDirectory, "wwwroot", "css");
        var files = Directory.GetFiles(folder, "*.css").Select(Path.GetFileName).ToList();
        Assert.Contains("site.css", files);
        Assert.True(files.Count >= 8, $"only {files.Count} css files in {folder}");

        var bundle = await app.Client.GetStringAsync(await HrefAsync(app), Cancel);

        var expected = files.OrderBy(f => f == "site.css" ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, SourceMarker().Matches(bundle).Select(m => m.Groups["file"].Value));
        foreach (var file in files)
        {
            // Each file's first rule, as written: proof its content is in, not only its name.
            var firstRule = File.ReadAllLines(Path.Combine(folder, file!)).First(l => l.Contains('{', StringComparison.Ordinal));
            Assert.Contains(firstRule, bundle, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_current_version_is_immutable_for_a_year_with_an_etag_and_a_css_type()
    {
        await using var app = await TestApp.StartAsync(demo: false);

        using var response = await app.Client.GetAsync(await HrefAsync(app), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(StaticFileCaching.Immutable, response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory]
    [InlineData("/css/paperwire.css")]
    [InlineData("/css/paperwire.css?v=not-the-current-hash")]
    [InlineData("/css/paperwire.css?v=")]
    public async Task Without_its_current_version_the_bundle_is_revalidated_and_unchanged_means_304(string url)
    {
        await using var app = await TestApp.StartAsync(demo: false);

        using var first = await app.Client.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl?.NoCache, $"Cache-Control: {first.Headers.CacheControl}");
        Assert.Null(first.Headers.CacheControl?.MaxAge);

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var revalidated = await app.Client.SendAsync(again, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync(Cancel));

        using var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-old-version\""));
        using var changed = await app.Client.SendAsync(stale, Cancel);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task The_bundle_comes_compressed(string encoding)
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, await HrefAsync(app));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);

        using var response = await app.Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
    }

    private static async Task<string> HrefAsync(TestApp app) =>
        WebUtility.HtmlDecode(Stylesheet().Match(await app.Client.GetStringAsync("/", Cancel)).Groups["href"].Value);

    [GeneratedRegex("""<link rel="stylesheet" href="(?<href>[^"]+)""")]
    private static partial Regex Stylesheet();

    [GeneratedRegex(@"^/\* (?<file>[\w.-]+\.css) \*/$", RegexOptions.Multiline)]
    private static partial Regex SourceMarker();
}
