using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Search.Indexing;
using static Paperwire.Tests.SearchWeb.SearchTestKit;

namespace Paperwire.Tests.SearchWeb;

/// <summary>Edge cases found while testing search: an empty catalog, control characters, arXiv-style prefixes.</summary>
public class SearchEdgeCaseTests
{
    [Fact]
    public async Task An_empty_catalog_is_not_warming_up()
    {
        await using var app = await TestApp.StartAsync(demo: false, embeddings: true);
        var indexes = app.Services.GetRequiredService<SearchIndexes>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (indexes.CatalogSequence is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Cancel);
        }

        using var response = await app.Client.GetAsync("/api/papers/search?q=anything", Cancel);
        var page = await app.Client.GetStringAsync("/search?q=anything", Cancel);

        Assert.False(response.Headers.Contains("X-Paperwire-Semantic"));
        Assert.DoesNotContain("Semantic results are warming up", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_number_that_touched_no_paper_does_not_leave_search_warming_up()
    {
        await using var app = await TestApp.StartAsync(demo: false, embeddings: true);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00001", new DateOnly(2026, 5, 28), title: "Sparse attention for long documents"));
        await app.UntilIndexedAsync();
        var indexes = app.Services.GetRequiredService<SearchIndexes>();
        // What saving an organization or a picture does: take a number to evict cached pages, touching no paper.
        long taken;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            taken = await scope.ServiceProvider.GetRequiredService<Paperwire.Storage.Coordination.ChangeSequence>().ReserveAsync(1, Cancel);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (indexes.CatalogSequence < taken && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Cancel);
        }

        using var response = await app.Client.GetAsync("/api/papers/search?q=sparse", Cancel);

        Assert.Equal(taken, indexes.CatalogSequence);
        Assert.False(indexes.SemanticWarmingUp);
        Assert.False(response.Headers.Contains("X-Paperwire-Semantic"));
    }

    [Theory]
    [InlineData("%00")]
    [InlineData("%00%00%01")]
    public async Task A_query_of_control_characters_only_is_rejected_like_whitespace(string q)
    {
        await using var app = await TestApp.StartAsync(demo: false);

        using var api = await app.Client.GetAsync("/api/papers/search?q=" + q, Cancel);
        using var page = await app.Client.GetAsync("/search?q=" + q, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
    }

    [Fact]
    public async Task An_arxiv_style_field_prefix_is_read_as_words()
    {
        await using var app = await TestApp.StartAsync();
        await UntilAsync(async () => (await SearchIdsAsync(app.Client, "q=translation&mode=keyword")).Count > 0, "the demo corpus is indexed");

        var plain = await app.Client.GetStringAsync("/api/papers/search?q=translation&mode=keyword", Cancel);
        var prefixed = await app.Client.GetStringAsync("/api/papers/search?q=ti:translation&mode=keyword", Cancel);

        Assert.Contains("\"paper\"", plain, StringComparison.Ordinal);
        Assert.Contains("\"paper\"", prefixed, StringComparison.Ordinal);
    }
}
