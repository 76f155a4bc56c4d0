using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Core.Papers;
using Paperwire.Storage;

namespace Paperwire.Tests.Storage;

/// <summary>Upserts by id: counts, the change sequence, and community data that imports never erase.</summary>
public class CatalogWriterTests
{
    private static readonly DateOnly Day = new(2025, 4, 8);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Upsert_CountsInsertsUpdatesAndUnchanged_AndStampsOnlyChangedPapers(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var first = await UpsertAsync(app, [Paper("2504.00001", "One"), Paper("2504.00002", "Two")]);
        var sequences = await Sequences(app);

        var second = await UpsertAsync(app, [Paper("2504.00001", "One"), Paper("2504.00002", "Two, revised"), Paper("2504.00003", "Three")]);
        var after = await Sequences(app);

        Assert.Equal(new UpsertCounts(2, 0, 0), first);
        Assert.Equal(new UpsertCounts(1, 1, 1), second);
        Assert.Equal(sequences["2504.00001"], after["2504.00001"]); // unchanged keeps its number
        Assert.True(after["2504.00002"] > sequences.Values.Max()); // a change gets a new, higher one
        Assert.True(after["2504.00003"] > sequences.Values.Max());
        Assert.Equal(after.Values.Count, after.Values.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Reimport_WithoutCommunityData_KeepsVotesFeedEntryAndOrganization(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2504.00001", Day, upvotes: 12, submittedBy: "ada", organization: new Organization { Name = "acme", FullName = "ACME" }));

        await UpsertAsync(app, [Paper("2504.00001", "Revised title")]);

        var stored = await app.QueryAsync(db => db.Papers.Include(p => p.FeedEntry).SingleAsync());
        Assert.Equal("Revised title", stored.Title);
        Assert.Equal(12, stored.Upvotes);
        Assert.Equal("ada", stored.FeedEntry!.SubmittedBy);
        Assert.Equal("acme", stored.OrganizationName);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ConcurrentWriters_NeverShareAChangeNumber(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w =>
            UpsertAsync(app, [.. Enumerable.Range(0, 50).Select(i => Paper($"25{w:00}.{i:00000}", $"Paper {w}/{i}"))])));

        var sequences = await Sequences(app);
        Assert.Equal(200, sequences.Count);
        Assert.Equal(200, sequences.Values.Distinct().Count());
    }

    private static Paper Paper(string id, string title) => PaperFactory.InCatalog(id, Day, title: title, authors: ["Ada Lovelace"]);

    private static async Task<UpsertCounts> UpsertAsync(TestApp app, Paper[] papers)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogWriter>().UpsertAsync(papers, mirrorsFeed: false, TestContext.Current.CancellationToken);
    }

    private static Task<Dictionary<string, long>> Sequences(TestApp app) =>
        app.QueryAsync(db => db.Papers.ToDictionaryAsync(p => p.Id, p => p.ChangeSequence));
}
