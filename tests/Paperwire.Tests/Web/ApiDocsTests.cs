using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Paperwire.Hosting;

namespace Paperwire.Tests.Web;

/// <summary>What an API client reads in <c>/openapi/v1.json</c> and a person in <c>/docs</c>.</summary>
public partial class ApiDocsTests
{
    [Fact]
    public async Task OpenApiDocument_DescribesEveryQueryParameterOfDailyPapers()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var document = await OpenApiAsync(app);

        var parameters = QueryParameters(document, "/api/daily_papers");

        Assert.Equal(["date", "week", "month", "submitter", "sort", "p", "limit"], parameters.Keys);
        Assert.Equal("date", parameters["date"].GetProperty("format").GetString());
        Assert.Equal(@"^\d{4}-[Ww]\d{2}$", parameters["week"].GetProperty("pattern").GetString());
        Assert.Equal(@"^\d{4}-\d{2}$", parameters["month"].GetProperty("pattern").GetString());
        Assert.Equal(100, parameters["submitter"].GetProperty("maxLength").GetInt32());
        Assert.Equal(["upvotes", "publishedAt", "trending"], parameters["sort"].GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("upvotes", parameters["sort"].GetProperty("default").GetString());
        AssertInteger(parameters["p"], minimum: 0, maximum: 10_000, @default: 0);
        AssertInteger(parameters["limit"], minimum: 1, maximum: 100, @default: 50);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEveryQueryParameterOfSearch()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var document = await OpenApiAsync(app);

        var operation = Operation(document, "/api/papers/search");
        var parameters = QueryParameters(document, "/api/papers/search");

        Assert.Equal(["q", "limit", "p", "from", "to", "category", "org", "feed", "mode"], parameters.Keys);
        var q = operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "q");
        Assert.True(q.GetProperty("required").GetBoolean());
        Assert.Equal(500, parameters["q"].GetProperty("maxLength").GetInt32());
        AssertInteger(parameters["limit"], minimum: 1, maximum: 100, @default: 20);
        AssertInteger(parameters["p"], minimum: 0, maximum: 1000, @default: 0);
        Assert.Equal("date", parameters["from"].GetProperty("format").GetString());
        Assert.Equal("date", parameters["to"].GetProperty("format").GetString());
        Assert.True(parameters["category"].TryGetProperty("pattern", out _));
        Assert.Equal("boolean", parameters["feed"].GetProperty("type").GetString());
        Assert.Equal(["hybrid", "keyword", "semantic"], parameters["mode"].GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("hybrid", parameters["mode"].GetProperty("default").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_IncludesSimilarPapersCommentsAndHealth()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var document = await OpenApiAsync(app);

        var similar = Operation(document, "/api/papers/{id}/similar");
        var comments = Operation(document, "/api/papers/{id}/comments");
        var health = Operation(document, "/healthz");

        Assert.Contains(similar.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "id" && p.GetProperty("in").GetString() == "path");
        AssertInteger(QueryParameters(document, "/api/papers/{id}/similar")["limit"], minimum: 1, maximum: 50, @default: 10);
        foreach (var operation in (JsonElement[])[similar, comments, health])
        {
            Assert.Equal(JsonValueKind.Object, operation.GetProperty("responses").GetProperty("200").GetProperty("content").ValueKind);
        }

        Assert.True(health.GetProperty("responses").TryGetProperty("503", out _));
        // The papers catch-all now says what it answers.
        Assert.True(Operation(document, "/api/papers/{id}").GetProperty("responses").TryGetProperty("404", out _));
    }

    [Fact]
    public async Task Documented_similar_and_comments_paths_answer_for_a_real_paper()
    {
        await using var app = await TestApp.StartAsync();
        using var feed = JsonDocument.Parse(await app.Client.GetStringAsync("/api/daily_papers?limit=1", TestContext.Current.CancellationToken));
        var id = feed.RootElement[0].GetProperty("paper").GetProperty("id").GetString();

        foreach (var path in (string[])[$"/api/papers/{id}/similar", $"/api/papers/{id}/comments"])
        {
            using var response = await app.Client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var missing = await app.Client.GetAsync(path.Replace(id!, "2401.99999", StringComparison.Ordinal), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
    }

    /// <summary>
    /// Reads the document's ranges and allowed values and tries them on the API: the edges work, one step
    /// past them is a 400 naming the parameter. Documentation and parser cannot drift apart unnoticed.
    /// </summary>
    [Fact]
    public async Task Documented_ranges_and_choices_are_the_ones_the_api_enforces()
    {
        await using var app = await TestApp.StartAsync();
        using var document = await OpenApiAsync(app);
        using var feed = JsonDocument.Parse(await app.Client.GetStringAsync("/api/daily_papers?limit=1", TestContext.Current.CancellationToken));
        var id = feed.RootElement[0].GetProperty("paper").GetProperty("id").GetString();
        var endpoints = new (string Path, string Url)[]
        {
            ("/api/daily_papers", "/api/daily_papers?"),
            ("/api/papers/search", "/api/papers/search?q=vision&"),
            ("/api/papers/{id}/similar", $"/api/papers/{id}/similar?"),
        };

        var tried = 0;
        foreach (var (path, url) in endpoints)
        {
            foreach (var (name, schema) in QueryParameters(document, path))
            {
                if (schema.TryGetProperty("minimum", out var minimum))
                {
                    var min = int.Parse(minimum.ToString(), System.Globalization.CultureInfo.InvariantCulture);
                    var max = int.Parse(schema.GetProperty("maximum").ToString(), System.Globalization.CultureInfo.InvariantCulture);
                    await AssertAcceptedAsync(app, $"{url}{name}={min}");
                    await AssertAcceptedAsync(app, $"{url}{name}={max}");
                    await AssertRejectedAsync(app, $"{url}{name}={min - 1}", name);
                    await AssertRejectedAsync(app, $"{url}{name}={max + 1}", name);
                    tried++;
                }

                if (schema.TryGetProperty("enum", out var values))
                {
                    foreach (var value in values.EnumerateArray())
                    {
                        await AssertAcceptedAsync(app, $"{url}{name}={value.GetString()}");
                    }

                    await AssertRejectedAsync(app, $"{url}{name}=sideways", name);
                    tried++;
                }
            }
        }

        Assert.Equal(7, tried); // p and limit twice, limit of similar, sort, mode
    }

    [Fact]
    public async Task Docs_page_and_every_asset_it_loads_are_served_from_the_site()
    {
        await using var app = await TestApp.StartAsync(demo: false);

        using var redirect = await app.Client.GetAsync("/docs", TestContext.Current.CancellationToken);
        Assert.True((int)redirect.StatusCode is >= 300 and < 400, $"/docs answered {redirect.StatusCode}");
        var page = new Uri(new Uri(app.BaseAddress, "/docs"), redirect.Headers.Location!);
        using var response = await app.Client.GetAsync(page, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ApiDocs.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Paperwire API", html, StringComparison.Ordinal);

        var assets = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var url = new Uri(page, asset);
            Assert.Equal(app.BaseAddress.Authority, url.Authority);
            using var loaded = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.True(loaded.StatusCode == HttpStatusCode.OK, $"{url} answered {loaded.StatusCode}");
            Assert.Equal(ApiDocs.ContentSecurityPolicy, loaded.Headers.GetValues("Content-Security-Policy").Single());
        }

        // The script that starts Swagger UI names the document, and it resolves to the real one.
        var start = await app.Client.GetStringAsync(new Uri(page, "index.js"), TestContext.Current.CancellationToken);
        var documentUrl = new Uri(page, Regex.Match(start, "\"url\":\"(?<url>[^\"]+)\"").Groups["url"].Value);
        Assert.Equal(OpenApiDocumentation.DocumentPath, documentUrl.AbsolutePath);
    }

    /// <summary>
    /// The docs policy allows inline styles only by hash. Every <c>&lt;style&gt;</c> Swagger UI's scripts create
    /// must have its hash in the policy, or the browser blocks it (this fails when an upgrade changes one).
    /// </summary>
    [Fact]
    public async Task Docs_policy_allows_exactly_the_inline_styles_swagger_ui_creates()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var styles = new List<string>();
        foreach (var script in (string[])["/docs/swagger-ui-bundle.js", "/docs/swagger-ui-standalone-preset.js"])
        {
            var text = await app.Client.GetStringAsync(script, TestContext.Current.CancellationToken);
            styles.AddRange(InlineStyle().Matches(text).Select(m => Regex.Unescape(m.Groups["css"].Value)));
        }

        Assert.NotEmpty(styles);
        var hashes = StyleHashes().Matches(ApiDocs.ContentSecurityPolicy).Select(m => m.Groups["hash"].Value).ToList();
        Assert.Equal(
            styles.Select(css => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(css)))).Distinct().Order(),
            hashes.Order());
    }

    [Fact]
    public async Task Pages_outside_docs_keep_the_strict_policy()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        foreach (var path in (string[])["/", "/api/daily_papers", "/openapi/v1.json", "/docsx"])
        {
            using var response = await app.Client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        }

        Assert.DoesNotContain("sha256", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    private static async Task AssertAcceptedAsync(TestApp app, string url)
    {
        using var response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task AssertRejectedAsync(TestApp app, string url, string parameter)
    {
        using var response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url} answered {(int)response.StatusCode}");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), $"{url}: no error for {parameter}");
    }

    private static void AssertInteger(JsonElement schema, int minimum, int maximum, int @default)
    {
        Assert.Contains("integer", schema.GetProperty("type").ToString(), StringComparison.Ordinal);
        Assert.Equal(minimum.ToString(System.Globalization.CultureInfo.InvariantCulture), schema.GetProperty("minimum").ToString());
        Assert.Equal(maximum.ToString(System.Globalization.CultureInfo.InvariantCulture), schema.GetProperty("maximum").ToString());
        Assert.Equal(@default, schema.GetProperty("default").GetInt32());
    }

    private static async Task<JsonDocument> OpenApiAsync(TestApp app) =>
        JsonDocument.Parse(await app.Client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

    private static JsonElement Operation(JsonDocument document, string path)
    {
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
        return item.GetProperty("get");
    }

    /// <summary>The operation's query parameters by name, in document order, each as its schema.</summary>
    private static Dictionary<string, JsonElement> QueryParameters(JsonDocument document, string path) =>
        Operation(document, path).GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "query")
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));

    [GeneratedRegex("(?:src|href)=\"(?<url>[^\"]+)\"")]
    private static partial Regex AssetReference();

    [GeneratedRegex("""createElement\("style",null,"(?<css>(?:[^"\\]|\\.)*)"\)""")]
    private static partial Regex InlineStyle();

    [GeneratedRegex("'sha256-(?<hash>[^']+)'")]
    private static partial Regex StyleHashes();
}
