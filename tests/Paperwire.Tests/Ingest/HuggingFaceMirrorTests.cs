using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Feed;
using Paperwire.Ingest.HuggingFace;
using Paperwire.Storage;

namespace Paperwire.Tests.Ingest;

/// <summary>
/// One Paperwire mirrors another through its HF-compatible API: the source runs on Kestrel with the demo corpus,
/// the importer pages through <c>/api/daily_papers</c> by its Link headers into an empty database.
/// </summary>
public class HuggingFaceMirrorTests
{
    private static readonly string[] Dates = ["2025-04-07", "2025-05-19", "2025-12-15", "2026-03-05", "2026-05-28"];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Can_mirror_one_Paperwire_from_another(DatabaseProvider provider)
    {
        await using var source = await TestApp.StartOnLoopbackAsync(provider);
        await using var mirror = await TestApp.StartAsync(provider, demo: false);

        // 63 feed entries in pages of 7: nine pages, reached only by following Link: rel="next".
        var summary = await HuggingFaceImports.ImportAsync(mirror, new HfImportRequest(source.BaseAddress.ToString(), PageSize: 7));

        Assert.Equal(63, summary.Counts.Inserted);
        Assert.Equal(0, summary.RejectedCount);
        Assert.Equal(63, await mirror.QueryAsync(db => db.FeedEntries.CountAsync()));
        Assert.Equal(6, await mirror.QueryAsync(db => db.Organizations.CountAsync()));
        foreach (var date in Dates)
        {
            var expected = await GetJsonAsync(source, $"/api/daily_papers?date={date}");
            var actual = await GetJsonAsync(mirror, $"/api/daily_papers?date={date}");
            Assert.NotEmpty(expected.AsArray());
            Assert.True(JsonNode.DeepEquals(expected, actual), $"{date}:\nsource {expected.ToJsonString()}\nmirror {actual.ToJsonString()}");
        }

        // Every entry, field for field: ids, titles, upvotes, feed dates, submission times, organizations.
        Assert.True(JsonNode.DeepEquals(await GetJsonAsync(source, "/api/daily_papers?limit=100"), await GetJsonAsync(mirror, "/api/daily_papers?limit=100")));

        var smolVlm = await mirror.QueryAsync(db => db.Papers.Include(p => p.FeedEntry).Include(p => p.Organization).SingleAsync(p => p.Title.StartsWith("SmolVLM")));
        Assert.Equal((10, new DateOnly(2025, 4, 7), "Hugging Face"), (smolVlm.Upvotes, smolVlm.FeedEntry!.FeedDate, smolVlm.Organization!.FullName));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Mirroring_again_changes_nothing(DatabaseProvider provider)
    {
        await using var source = await TestApp.StartOnLoopbackAsync(provider);
        await using var mirror = await TestApp.StartAsync(provider, demo: false);
        await HuggingFaceImports.ImportAsync(mirror, new HfImportRequest(source.BaseAddress.ToString(), PageSize: 20));

        var again = await HuggingFaceImports.ImportAsync(mirror, new HfImportRequest(source.BaseAddress.ToString(), PageSize: 20));

        Assert.Equal((0, 0, 63), (again.Counts.Inserted, again.Counts.Updated, again.Counts.Unchanged));
    }

    [Fact]
    public async Task Can_mirror_one_month_in_small_pages()
    {
        await using var source = await TestApp.StartOnLoopbackAsync();
        await using var mirror = await TestApp.StartAsync(demo: false);

        var summary = await HuggingFaceImports.ImportAsync(mirror, new HfImportRequest(source.BaseAddress.ToString(), FeedWindow.Month(2025, 4), PageSize: 2));

        Assert.Equal(4, summary.Counts.Inserted);
        var dates = await mirror.QueryAsync(db => db.FeedEntries.OrderBy(f => f.FeedDate).Select(f => f.FeedDate).ToListAsync());
        Assert.Equal([new(2025, 4, 4), new(2025, 4, 7), new(2025, 4, 8), new DateOnly(2025, 4, 23)], dates);
        Assert.True(JsonNode.DeepEquals(await GetJsonAsync(source, "/api/daily_papers?month=2025-04"), await GetJsonAsync(mirror, "/api/daily_papers?month=2025-04")));
    }

    private static async Task<JsonNode> GetJsonAsync(TestApp app, string path)
    {
        using var response = await app.Client.GetAsync(path, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
    }
}
