using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Storage;

namespace Paperwire.Tests.Storage;

/// <summary>The first start of an empty database loads the shipped Daily Papers page, once.</summary>
public class DemoCorpusTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task FirstStart_LoadsAllDemoPapers_DatedOnesIntoTheFeed(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var (papers, entries, organizations) = await Counts(app);
        Assert.Equal(67, papers);
        Assert.Equal(63, entries); // four papers on the page show no date: catalog only
        Assert.Equal(6, organizations);

        var smolVlm = await app.QueryAsync(db => db.Papers.Include(p => p.FeedEntry).Include(p => p.Organization)
            .SingleAsync(p => p.Title.StartsWith("SmolVLM")));
        Assert.Equal(10, smolVlm.Upvotes);
        Assert.Equal(new DateOnly(2025, 4, 7), smolVlm.FeedEntry!.FeedDate);
        Assert.Equal("Hugging Face", smolVlm.Organization!.FullName);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task SecondStart_DoesNotLoadTheCorpusAgain(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var before = await Counts(app);

        // Run the start-up preparation again, as a restart of `serve` would.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
            var added = await scope.ServiceProvider.GetRequiredService<Paperwire.Ingest.DemoCorpus.DemoCorpusLoader>().LoadIfEmptyAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, added);
        }

        Assert.Equal(before, await Counts(app));
    }

    private static Task<(int Papers, int Entries, int Organizations)> Counts(TestApp app) => app.QueryAsync(async db =>
        (await db.Papers.CountAsync(), await db.FeedEntries.CountAsync(), await db.Organizations.CountAsync()));
}
