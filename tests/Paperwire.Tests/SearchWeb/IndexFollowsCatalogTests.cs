using Microsoft.Extensions.DependencyInjection;
using Paperwire.Search.Embeddings;
using Paperwire.Search.Indexing;
using Paperwire.Storage;
using static Paperwire.Tests.SearchWeb.SearchTestKit;

namespace Paperwire.Tests.SearchWeb;

/// <summary>The search index follows the catalog's change sequence: writes show up in search without a restart, on every node.</summary>
public class IndexFollowsCatalogTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task APaperAddedWhileRunning_IsFound_WithoutARestart(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        await app.AddPapersAsync(Paper("2604.00001", new(2026, 4, 1), "Penrose tilings in quasicrystal growth", "Aperiodic order.", "cond-mat.soft"));
        await UntilFoundAsync(app.Client, "quasicrystal", "2604.00001");

        await app.AddPapersAsync(Paper("2604.00002", new(2026, 4, 2), "Ferrofluid droplets in rotating fields", "Labyrinthine instabilities.", "physics.flu-dyn"));

        await UntilFoundAsync(app.Client, "ferrofluid droplets", "2604.00002");
        Assert.Equal(["2604.00002"], await SearchIdsAsync(app.Client, "q=ferrofluid+droplets"));
        Assert.Equal(["2604.00001"], await SearchIdsAsync(app.Client, "q=quasicrystal"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task AnUpdatedTitle_IsFoundUnderTheNewWords_AndNoLongerUnderTheOld(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        var paper = Paper("2604.00003", new(2026, 4, 3), "Sandpile avalanches", "Self-organized criticality.", "cond-mat.stat-mech");
        await app.AddPapersAsync(paper);
        await UntilFoundAsync(app.Client, "sandpile", paper.Id);

        var revised = Paper(paper.Id, new(2026, 4, 3), "Granular landslides", "Self-organized criticality.", "cond-mat.stat-mech");
        await app.AddPapersAsync(revised);
        await UntilFoundAsync(app.Client, "granular landslides", paper.Id);

        Assert.Empty(await SearchIdsAsync(app.Client, "q=sandpile"));
        Assert.Empty(await SearchIdsAsync(app.Client, "q=avalanches"));
        using var found = await SearchJsonAsync(app.Client, "q=landslides");
        Assert.Single(found.RootElement.EnumerateArray());
        Assert.Equal("Granular landslides", found.RootElement[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task TheIndexWorker_NeverRunsTheModel_ItReadsTheVectorsTheEmbeddingJobsStored()
    {
        // Embedding takes seconds of model time; the index worker never waits on it (and keyword search never waits
        // behind it): vectors reach the index only once an embedding job stored them in the database.
        await using var app = await TestApp.StartAsync(demo: false, embeddings: false);
        using var generation = app.Services.GetRequiredService<SearchIndexes>().CreateGeneration();
        await using var scope = app.Services.CreateAsyncScope();
        var updater = scope.ServiceProvider.GetRequiredService<IndexUpdater>();
        await app.AddPapersAsync(Paper("2604.00006", new(2026, 4, 6), "Sourdough starter microbiomes", "Lactic acid bacteria.", "q-bio.PE"));

        Assert.Equal(1, await updater.UpdateKeywordAsync(generation, Cancel));
        Assert.Null(generation.Vectors); // embeddings off: no vector index at all
        using var withVectors = IndexGeneration.Open(Path.Combine(app.Database.DataDirectory, "vectors-only"), 384, "snowflake-arctic-embed-xs");
        Assert.Equal(0, await updater.UpdateVectorsAsync(withVectors, Cancel));

        var batch = await scope.ServiceProvider.GetRequiredService<EmbeddingJobs>().RunBatchAsync(10, Cancel);
        Assert.Equal((1, 1), (batch.Claimed, batch.Stored));
        Assert.Equal(1, await updater.UpdateVectorsAsync(withVectors, Cancel));
        Assert.Equal(0, await updater.UpdateVectorsAsync(withVectors, Cancel));
    }

    [Fact]
    public async Task TwoNodesOnOnePostgres_EachFindWhatEitherWrote_FromTheirOwnIndex()
    {
        await using var first = await TestApp.StartAsync(DatabaseProvider.Postgres, demo: false);
        var secondData = Directory.CreateTempSubdirectory("paperwire-node2-").FullName;
        try
        {
            await using (var second = await SearchNode.StartAsync(first.Database.Settings, secondData, embeddings: false))
            {
                await first.AddPapersAsync(Paper("2604.00004", new(2026, 4, 4), "Tidal locking of exomoons", "Spin-orbit resonance.", "astro-ph.EP"));
                await second.AddPapersAsync(Paper("2604.00005", new(2026, 4, 5), "Bioluminescent plankton blooms", "Dinoflagellate light.", "q-bio.PE"));

                foreach (var client in new[] { first.Client, second.Client })
                {
                    await UntilFoundAsync(client, "tidal locking exomoons", "2604.00004");
                    await UntilFoundAsync(client, "bioluminescent plankton", "2604.00005");
                }
            }

            // Each node keeps its index in its own data folder.
            Assert.True(File.Exists(Path.Combine(first.Database.DataDirectory, "search", "current")));
            Assert.True(File.Exists(Path.Combine(secondData, "search", "current")));
        }
        finally
        {
            Directory.Delete(secondData, recursive: true);
        }
    }
}
