using System.Text.Json;
using Paperwire.Core.Papers;
using Paperwire.Storage;
using static Paperwire.Tests.SearchWeb.SearchTestKit;

namespace Paperwire.Tests.SearchWeb;

/// <summary><c>GET /api/papers/search</c>: the HF shape, highlights, limits, filters and pages (keyword search, no model).</summary>
public class SearchApiTests
{
    [Fact]
    public async Task Results_AreInTheHfShape_WithHighlightsThatRebuildTheText()
    {
        await using var app = await TestApp.StartAsync();
        await UntilAsync(async () => (await SearchIdsAsync(app.Client, "q=networks")).Count > 0, "the demo corpus is indexed");

        using var results = await SearchJsonAsync(app.Client, "q=networks&limit=50");

        var items = results.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            var title = item.GetProperty("title").GetString()!;
            var summary = item.GetProperty("summary").GetString()!;
            Assert.Equal(title, item.GetProperty("paper").GetProperty("title").GetString());
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", item.GetProperty("publishedAt").GetString());
            Assert.Equal(title, Concatenate(item.GetProperty("highlightedTitle")));
            Assert.Equal(summary, Concatenate(item.GetProperty("highlightedSummary")));
            foreach (var marked in Highlighted(item.GetProperty("highlightedTitle")).Concat(Highlighted(item.GetProperty("highlightedSummary"))))
            {
                Assert.Matches("^(?i)network(s|ing)?$", marked); // one stem: network, networks, networking
            }
        }

        // "networks" in the query marks the singular in WaveMix's title: the highlighter stems like the index.
        var waveMix = items.Single(i => i.GetProperty("title").GetString()!.StartsWith("WaveMix", StringComparison.Ordinal));
        Assert.Contains("Network", Highlighted(waveMix.GetProperty("highlightedTitle")));
        Assert.All(waveMix.GetProperty("highlightedTitle").EnumerateArray(), s => Assert.Contains(s.GetProperty("type").GetString(), new[] { "text", "highlight" }));
    }

    [Fact]
    public async Task KeywordSearch_FindsADemoPaperByTitleWords_WithEmbeddingsOff()
    {
        await using var app = await TestApp.StartAsync();
        await UntilAsync(async () => (await SearchIdsAsync(app.Client, "q=gpu")).Count > 0, "the demo corpus is indexed");

        using var response = await app.Client.GetAsync("/api/papers/search?q=breaking+the+GPU+memory+wall", Cancel);
        using var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));

        Assert.StartsWith("ZeRO-Infinity", results.RootElement[0].GetProperty("title").GetString());
        Assert.False(response.Headers.Contains("X-Paperwire-Semantic")); // nothing is warming up when embeddings are off
    }

    [Fact]
    public async Task Limit_IsHonoured()
    {
        await using var app = await TestApp.StartAsync();
        await UntilAsync(async () => (await SearchIdsAsync(app.Client, "q=vision&limit=100")).Count > 10, "the demo corpus is indexed");

        Assert.Equal(3, (await SearchIdsAsync(app.Client, "q=vision&limit=3")).Count);
        Assert.Equal(7, (await SearchIdsAsync(app.Client, "q=vision&limit=7")).Count);
        Assert.Equal(20, (await SearchIdsAsync(app.Client, "q=vision")).Count); // the default
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Filters_NarrowTheResults(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var acme = new Organization { Name = "acme", FullName = "ACME Research" };
        var beta = new Organization { Name = "beta-lab", FullName = "Beta Lab" };
        var a = Paper("2501.00001", new(2025, 1, 10), "Graph sparsification for language models", "Sparsification of attention graphs.", "cs.CL");
        a.Organization = acme;
        a.FeedEntry = PaperFactory.InFeed(a.Id, new(2025, 1, 12)).FeedEntry;
        var b = Paper("2503.00002", new(2025, 3, 15), "Spectral sparsification of weighted graphs", "Sparsification bounds.", "cs.LG", "math.CO");
        var c = Paper("2506.00003", new(2025, 6, 20), "Statistical limits of sparsification", "Minimax rates for sparsification.", "math.ST");
        c.Organization = beta;
        c.FeedEntry = PaperFactory.InFeed(c.Id, new(2025, 6, 21)).FeedEntry;
        var d = Paper("2412.00004", new(2024, 12, 31), "Sparsification of convolutional networks", "Pruning as sparsification.", "cs.CV");
        await app.AddPapersAsync(a, b, c, d);
        await UntilAsync(async () => (await SearchIdsAsync(app.Client, "q=sparsification")).Count == 4, "all four papers are indexed");

        async Task<string[]> Found(string filters) =>
            [.. (await SearchIdsAsync(app.Client, "q=sparsification&" + filters)).Order(StringComparer.Ordinal)];

        Assert.Equal([b.Id, c.Id], await Found("from=2025-03-01"));
        Assert.Equal([d.Id, a.Id, b.Id], await Found("to=2025-03-15")); // both ends inclusive
        Assert.Equal([a.Id, b.Id], await Found("from=2025-01-10&to=2025-03-15"));
        Assert.Equal([d.Id, a.Id, b.Id], await Found("category=cs")); // a whole archive
        Assert.Equal([a.Id], await Found("category=cs.CL"));
        Assert.Equal([b.Id], await Found("category=math.CO")); // a paper's second category counts
        Assert.Equal([a.Id], await Found("org=acme"));
        Assert.Equal([a.Id, c.Id], await Found("feed=1"));
        Assert.Equal([a.Id], await Found("feed=1&category=cs"));
        Assert.Empty(await Found("category=astro-ph"));
    }

    [Fact]
    public async Task TopLevelPublishedAt_IsWhenThePaperEnteredTheFeed_ForFeedPapers_AndThePaperDateOtherwise()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var inFeed = PaperFactory.InFeed("2501.00011", new(2025, 1, 12), title: "Mycelium networks in forest soils", publishedOn: new(2025, 1, 10), submittedBy: "ada");
        var catalogOnly = PaperFactory.InCatalog("2501.00012", new(2025, 1, 11), title: "Mycelium growth on agar");
        await app.AddPapersAsync(inFeed, catalogOnly);
        await UntilAsync(async () => (await SearchIdsAsync(app.Client, "q=mycelium")).Count == 2, "both papers are indexed");

        using var results = await SearchJsonAsync(app.Client, "q=mycelium");

        var items = results.RootElement.EnumerateArray().ToDictionary(i => i.GetProperty("paper").GetProperty("id").GetString()!);
        Assert.Equal(items[inFeed.Id].GetProperty("paper").GetProperty("submittedOnDailyAt").GetString(), items[inFeed.Id].GetProperty("publishedAt").GetString());
        Assert.Equal(inFeed.FeedEntry!.SubmittedAt.UtcDateTime.ToString(Paperwire.Api.UtcTimestampConverter.Format, System.Globalization.CultureInfo.InvariantCulture), items[inFeed.Id].GetProperty("publishedAt").GetString());
        Assert.Equal("2025-01-12", items[inFeed.Id].GetProperty("feedDate").GetString());
        Assert.Equal(JsonValueKind.Null, items[catalogOnly.Id].GetProperty("feedDate").ValueKind);
        Assert.Equal("2025-01-10T00:00:00.000Z", items[inFeed.Id].GetProperty("paper").GetProperty("publishedAt").GetString());
        Assert.Equal("ada", items[inFeed.Id].GetProperty("submittedBy").GetProperty("name").GetString());
        Assert.Equal("2025-01-11T00:00:00.000Z", items[catalogOnly.Id].GetProperty("publishedAt").GetString());
        Assert.Equal(JsonValueKind.Null, items[catalogOnly.Id].GetProperty("submittedBy").ValueKind);
    }

    [Fact]
    public async Task Pages_AreDisjoint_AndTogetherHoldEveryMatch()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var papers = Enumerable.Range(1, 25)
            .Select(i => Paper($"2502.{i:D5}", new(2025, 2, 1), $"Zeolite catalysis study {i}", $"Zeolite pores, part {i}.", "cond-mat.mtrl-sci"))
            .ToArray();
        await app.AddPapersAsync(papers);
        await UntilAsync(async () => (await SearchIdsAsync(app.Client, "q=zeolite&limit=100")).Count == 25, "all 25 papers are indexed");

        var pages = new List<List<string>>();
        for (var p = 0; p < 4; p++)
        {
            pages.Add(await SearchIdsAsync(app.Client, $"q=zeolite&limit=10&p={p}"));
        }

        Assert.Equal([10, 10, 5, 0], pages.Select(page => page.Count));
        var all = pages.SelectMany(page => page).ToList();
        Assert.Equal(25, all.Distinct().Count());
        Assert.Equal(papers.Select(x => x.Id).Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WithEmbeddingsOff_SimilarIsEmpty_AndSearchStillAnswersByKeyword()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(TwoTopics());
        await UntilFoundAsync(app.Client, "hawking radiation", "2601.00005");

        Assert.Empty(await SimilarIdsAsync(app.Client, "2601.00001"));
        Assert.Equal("2601.00005", (await SearchIdsAsync(app.Client, "q=hawking+radiation"))[0]);
        Assert.Equal("2601.00005", (await SearchIdsAsync(app.Client, "q=hawking+radiation&mode=hybrid"))[0]);
        var page = System.Net.WebUtility.HtmlDecode(await app.Client.GetStringAsync("/search?q=hawking+radiation", Cancel));
        Assert.Contains("<mark>Hawking</mark> <mark>radiation</mark> and the information paradox", page);
        Assert.Contains("Meaning-based search is switched off", page);
        Assert.DoesNotContain("warming up", page);
    }

    private static string Concatenate(JsonElement segments) =>
        string.Concat(segments.EnumerateArray().Select(s => s.GetProperty("text").GetString()));

    private static IEnumerable<string> Highlighted(JsonElement segments) => segments.EnumerateArray()
        .Where(s => s.GetProperty("type").GetString() == "highlight")
        .Select(s => s.GetProperty("text").GetString()!);
}
