using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Paperwire.Core.Papers;
using Paperwire.Search.Embeddings;
using Paperwire.Search.Indexing;
using Paperwire.Storage;
using Paperwire.Storage.Embeddings;
using Paperwire.Tests.SearchWeb;
using static Paperwire.Tests.SearchWeb.SearchTestKit;

namespace Paperwire.Tests.Embeddings;

/// <summary>
/// Paper vectors live in the database: nodes on one database split the embedding work without overlap, a node that
/// dies mid-batch loses nothing, and a node that joins builds its vector index from the stored vectors alone.
/// </summary>
public sealed class EmbeddingsOncePerClusterTests : IAsyncLifetime
{
    private readonly List<string> folders = [];
    private TestDatabase? database;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task TwoNodes_SplitTheQueue_AndEmbedEveryPaperExactlyOnce(DatabaseProvider provider)
    {
        var (modelA, modelB) = (new CountingEmbedder(), new CountingEmbedder());
        await using var a = await NodeAsync(provider, modelA, embeddings: false);
        await using var b = await NodeAsync(provider, modelB, embeddings: false);
        await a.AddPapersAsync(Generated(30));

        // The nodes take turns claiming before either finishes: each claim skips what the other holds.
        var claimedBy = new Dictionary<string, string>();
        while (true)
        {
            await using var scopeA = a.Services.CreateAsyncScope();
            await using var scopeB = b.Services.CreateAsyncScope();
            var (jobsA, jobsB) = (Jobs(scopeA), Jobs(scopeB));
            var claimA = await jobsA.ClaimAsync(5, Cancel);
            var claimB = await jobsB.ClaimAsync(5, Cancel);
            if (claimA.PaperIds.Count + claimB.PaperIds.Count == 0)
            {
                break;
            }

            foreach (var (claim, node) in new[] { (claimA, "a"), (claimB, "b") })
            {
                foreach (var id in claim.PaperIds)
                {
                    Assert.True(claimedBy.TryAdd(id, node), $"{id} was claimed twice");
                }
            }

            Assert.Equal(0, (await jobsA.CompleteAsync(claimA, Cancel)).Lost);
            Assert.Equal(0, (await jobsB.CompleteAsync(claimB, Cancel)).Lost);
        }

        Assert.Equal(30, claimedBy.Count);
        Assert.Equal(15, modelA.Documents);
        Assert.Equal(15, modelB.Documents);
        Assert.All(modelA.Texts.Concat(modelB.Texts), text => Assert.Equal(1, text.Value));
        Assert.Empty(modelA.Texts.Keys.Intersect(modelB.Texts.Keys));
        var stored = await a.QueryAsync(db => db.PaperEmbeddings.Where(e => e.Vector != null).Select(e => e.Sequence).ToListAsync(Cancel));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), stored.Order());
        Assert.Equal(0, await a.QueryAsync(db => db.EmbeddingQueue.CountAsync(Cancel)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task TwoNodesEmbeddingAtTheSameTime_StoreEveryPaperOnce(DatabaseProvider provider)
    {
        var (modelA, modelB) = (new CountingEmbedder(), new CountingEmbedder());
        await using var a = await NodeAsync(provider, modelA, embeddings: false);
        await using var b = await NodeAsync(provider, modelB, embeddings: false);
        await a.AddPapersAsync(Generated(60));

        static async Task<int> DrainAsync(SearchNode node)
        {
            var claimed = 0;
            for (EmbeddingBatch batch; ;)
            {
                await using var scope = node.Services.CreateAsyncScope();
                batch = await Jobs(scope).RunBatchAsync(3, Cancel);
                Assert.Equal(0, batch.Lost);
                if (batch.Claimed == 0)
                {
                    return claimed;
                }

                claimed += batch.Claimed;
            }
        }

        var claimedByEach = await Task.WhenAll(Task.Run(() => DrainAsync(a), Cancel), Task.Run(() => DrainAsync(b), Cancel));

        Assert.Equal(60, claimedByEach.Sum());
        Assert.Equal(60, modelA.Documents + modelB.Documents);
        Assert.All(modelA.Texts.Concat(modelB.Texts), text => Assert.Equal(1, text.Value));
        Assert.Empty(modelA.Texts.Keys.Intersect(modelB.Texts.Keys));
        var stored = await a.QueryAsync(db => db.PaperEmbeddings.Select(e => e.Sequence).ToListAsync(Cancel));
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), stored.Order());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task AClaimAbandonedByAKilledNode_IsTakenOverAfterItExpires_AndStoredOnce(DatabaseProvider provider)
    {
        var (killedModel, survivorModel) = (new CountingEmbedder(), new CountingEmbedder());
        await using var killed = await NodeAsync(provider, killedModel, embeddings: false);
        await using var survivor = await NodeAsync(provider, survivorModel, embeddings: false);
        await killed.AddPapersAsync(Generated(3));

        await using var killedScope = killed.Services.CreateAsyncScope();
        var abandoned = await Jobs(killedScope).ClaimAsync(10, Cancel); // and then the node dies
        Assert.Equal(3, abandoned.PaperIds.Count);

        await using (var scope = survivor.Services.CreateAsyncScope())
        {
            Assert.Equal(0, (await Jobs(scope).RunBatchAsync(10, Cancel)).Claimed); // still held
        }

        ((FakeTimeProvider)survivor.Services.GetRequiredService<TimeProvider>()).Advance(TimeSpan.FromMinutes(11));
        await using (var scope = survivor.Services.CreateAsyncScope())
        {
            var batch = await Jobs(scope).RunBatchAsync(10, Cancel);
            Assert.Equal((3, 3, 3), (batch.Claimed, batch.Embedded, batch.Stored));
        }

        // Had the node only stalled, its late write finds its claim gone and stores nothing.
        var late = await Jobs(killedScope).CompleteAsync(abandoned, Cancel);
        Assert.Equal((3, 0), (late.Lost, late.Stored));
        Assert.Equal([1L, 2L, 3L], await survivor.QueryAsync(db => db.PaperEmbeddings.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(Cancel)));
        Assert.Equal(3, survivorModel.Documents);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ANodeWithAFreshDataFolder_BuildsItsVectorIndexFromTheDatabase_WithoutRunningTheModel(DatabaseProvider provider)
    {
        var model = new CountingEmbedder();
        await using var first = await NodeAsync(provider, model, embeddings: true);
        await first.AddPapersAsync([.. TwoTopics()]);
        await UntilEmbeddedAndIndexedAsync(first);
        Assert.Equal(6, model.Documents);

        var refusing = new CountingEmbedder(refuse: true);
        await using var joining = await NodeAsync(provider, refusing, embeddings: true);
        await UntilEmbeddedAndIndexedAsync(joining);

        var indexes = joining.Services.GetRequiredService<SearchIndexes>();
        Assert.Equal(6, indexes.Current.Vectors!.Count);
        Assert.False(indexes.SemanticWarmingUp);
        Assert.NotEmpty(await SimilarIdsAsync(joining.Client, "2601.00004"));
        Assert.Equal(0, refusing.Documents);
        Assert.Equal(6, model.Documents);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task AChangedAbstract_ReEmbedsThatPaperOnly_AndAWithdrawnPaperLeavesTheVectorIndex(DatabaseProvider provider)
    {
        var model = new CountingEmbedder();
        await using var node = await NodeAsync(provider, model, embeddings: true);
        var papers = TwoTopics();
        await node.AddPapersAsync(papers);
        await UntilEmbeddedAndIndexedAsync(node);
        var indexes = node.Services.GetRequiredService<SearchIndexes>();
        Assert.True(indexes.TryGetPaperVector("2601.00001", out var before));

        var revised = Paper("2601.00001", new(2026, 1, 5), papers[0].Title, "A revised abstract: the fold is predicted from single sequences, without alignments.", "q-bio.BM");
        var withdrawn = Paper("2601.00006", new(2026, 1, 10), papers[5].Title, papers[5].Summary, "gr-qc");
        withdrawn.Withdrawn = true;
        await node.AddPapersAsync(revised, withdrawn);
        // Other fields of a paper changing (upvotes here) must not re-embed it.
        var upvoted = Paper("2601.00002", new(2026, 1, 6), papers[1].Title, papers[1].Summary, "q-bio.BM");
        upvoted.Upvotes = 12;
        await node.AddPapersAsync(upvoted);
        await UntilEmbeddedAndIndexedAsync(node);

        Assert.Equal(7, model.Documents);
        Assert.Equal(1, model.Texts.Count(t => t.Key.Contains("A revised abstract", StringComparison.Ordinal)));
        Assert.True(indexes.TryGetPaperVector("2601.00001", out var after));
        Assert.True(VectorMath.Dot(before, after) < 0.9f);
        Assert.False(indexes.TryGetPaperVector("2601.00006", out _));
        Assert.Equal(5, indexes.Current.Vectors!.Count);
        Assert.DoesNotContain("2601.00006", await SimilarIdsAsync(node.Client, "2601.00004"));
        var tombstone = await node.QueryAsync(db => db.PaperEmbeddings.SingleAsync(e => e.PaperId == "2601.00006", Cancel));
        Assert.Null(tombstone.Vector);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ADataFolderFromBeforeStoredVectors_EndsUpWithAFullVectorIndex_FromItsLocalCache(DatabaseProvider provider)
    {
        var model = new CountingEmbedder();
        string folder;
        await using (var old = await NodeAsync(provider, model, embeddings: true))
        {
            await old.AddPapersAsync(TwoTopics());
            await UntilEmbeddedAndIndexedAsync(old);
            folder = old.Services.GetRequiredService<SearchIndexes>().Current.Folder;
            // As the upgrade finds it: no stored vectors, every paper queued by the migration, and an index state
            // written when vectors followed the catalog's change sequence (no model).
            await old.QueryAsync(async db =>
            {
                await db.PaperEmbeddings.ExecuteDeleteAsync(Cancel);
                return await db.Database.ExecuteSqlRawAsync("""INSERT INTO embedding_queue ("PaperId") SELECT "Id" FROM papers""", Cancel);
            });
        }

        File.WriteAllText(Path.Combine(folder, IndexState.FileName), """{"KeywordSequence":6,"VectorSequence":6}""");
        var refusing = new CountingEmbedder(refuse: true);
        await using var upgraded = await NodeAsync(provider, refusing, embeddings: true, dataDirectory: Path.GetDirectoryName(Path.GetDirectoryName(folder)));
        await UntilEmbeddedAndIndexedAsync(upgraded);

        var indexes = upgraded.Services.GetRequiredService<SearchIndexes>();
        Assert.Equal(6, indexes.Current.Vectors!.Count);
        Assert.Equal(6, await upgraded.QueryAsync(db => db.PaperEmbeddings.CountAsync(e => e.Vector != null, Cancel)));
        Assert.Equal(0, refusing.Documents);
    }

    private static EmbeddingJobs Jobs(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<EmbeddingJobs>();

    /// <summary>A node on this test's database with a data folder of its own (or the one given) and the given model.</summary>
    private async Task<SearchNode> NodeAsync(DatabaseProvider provider, CountingEmbedder model, bool embeddings, string? dataDirectory = null)
    {
        database ??= await TestDatabase.CreateAsync(provider);
        if (dataDirectory is null)
        {
            dataDirectory = Directory.CreateTempSubdirectory("paperwire-node-").FullName;
            folders.Add(dataDirectory);
        }

        return await SearchNode.StartAsync(database.Settings, dataDirectory, embeddings, services =>
        {
            services.RemoveAll<ITextEmbedder>();
            services.AddSingleton<ITextEmbedder>(model);
        });
    }

    /// <summary>Until the queue is empty and the node's vector index holds every stored vector.</summary>
    private static Task UntilEmbeddedAndIndexedAsync(SearchNode node) => UntilAsync(
        async () =>
        {
            await using var scope = node.Services.CreateAsyncScope();
            var work = scope.ServiceProvider.GetRequiredService<EmbeddingWork>();
            var empty = await work.IsEmptyAsync(Cancel);
            var latest = await work.LatestSequenceAsync(Cancel);
            var indexes = node.Services.GetRequiredService<SearchIndexes>();
            return empty && indexes.Current.VectorSequence >= latest && !indexes.SemanticWarmingUp;
        },
        "every paper is embedded and in the node's vector index");

    private static Paper[] Generated(int count) => [.. Enumerable.Range(1, count).Select(i => Paper(
        $"2607.{i:D5}", new DateOnly(2026, 7, 1).AddDays(i % 28), $"Coral reef survey {i}", $"Transect {i} of a reef survey: {i % 9 + 1} species per square metre.", "q-bio.PE"))];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        foreach (var folder in folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
