using System.Net;
using System.Text.Json;

namespace Paperwire.Tests.Web;

/// <summary>GET /api/papers/{id} and the Markdown view of a paper.</summary>
public class PapersApiTests
{
    private static readonly DateOnly Day = new(2025, 4, 8);

    [Fact]
    public async Task Paper_IsTheFlatObject_ForNewAndOldStyleIds()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2504.05299", Day, title: "New style"), PaperFactory.InCatalog("hep-th/9901001", new DateOnly(1999, 1, 4), title: "Old style"));

        using var fresh = JsonDocument.Parse(await app.Client.GetStringAsync("/api/papers/2504.05299v2", TestContext.Current.CancellationToken));
        Assert.Equal("2504.05299", fresh.RootElement.GetProperty("id").GetString());
        Assert.Equal("New style", fresh.RootElement.GetProperty("title").GetString());
        Assert.False(fresh.RootElement.TryGetProperty("paper", out _));

        using var old = JsonDocument.Parse(await app.Client.GetStringAsync("/api/papers/hep-th/9901001", TestContext.Current.CancellationToken));
        Assert.Equal("Old style", old.RootElement.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, old.RootElement.GetProperty("submittedOnDailyAt").ValueKind);
    }

    [Theory]
    [InlineData("/api/papers/2504.99999", HttpStatusCode.NotFound)]
    [InlineData("/api/papers/..%2F..%2Fetc%2Fpasswd", HttpStatusCode.BadRequest)]
    [InlineData("/api/papers/not-an-id", HttpStatusCode.BadRequest)]
    [InlineData("/api/nothing-here", HttpStatusCode.NotFound)]
    public async Task UnknownOrMalformedId_IsProblemDetails(string url, HttpStatusCode status)
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var response = await app.Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TwoKilobyteId_Is400()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var response = await app.Client.GetAsync("/api/papers/" + new string('9', 2048), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Markdown_BySuffixOrAcceptHeader_HasTitleLinksAndAbstract()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var paper = PaperFactory.InFeed("2504.05299", Day, title: "SmolVLM", authors: ["Ada Lovelace", "Alan Turing"]);
        paper.GithubRepo = "https://github.com/huggingface/smollm";
        await app.AddPapersAsync(paper);

        using var bySuffix = await app.Client.GetAsync("/papers/2504.05299.md", TestContext.Current.CancellationToken);
        Assert.Equal("text/markdown", bySuffix.Content.Headers.ContentType?.MediaType);
        var markdown = await bySuffix.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("# SmolVLM\n", markdown);
        Assert.Contains("Ada Lovelace, Alan Turing", markdown);
        Assert.Contains("[arXiv](https://arxiv.org/abs/2504.05299)", markdown);
        Assert.Contains("[PDF](https://arxiv.org/pdf/2504.05299)", markdown);
        Assert.Contains("[Code](https://github.com/huggingface/smollm)", markdown);
        Assert.Contains("$\\alpha$", markdown); // TeX kept as written

        using var request = new HttpRequestMessage(HttpMethod.Get, "/papers/2504.05299");
        request.Headers.Accept.ParseAdd("text/markdown");
        using var byAccept = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(markdown, await byAccept.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PaperPage_SaysItVariesByAccept_FreshAndFromTheCache()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2504.05299", Day, title: "SmolVLM"));

        foreach (var accept in new[] { "text/html", "text/markdown", "text/html", "text/markdown" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/papers/2504.05299");
            request.Headers.Accept.ParseAdd(accept);
            using var response = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(accept, response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Accept", response.Headers.Vary);
        }
    }
}
