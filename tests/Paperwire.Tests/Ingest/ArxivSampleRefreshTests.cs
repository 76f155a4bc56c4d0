using System.Net;
using System.Numerics.Tensors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Core.Papers;
using Paperwire.Ingest.DemoCorpus;
using Paperwire.Ingest.Oai;
using Paperwire.Ingest.Pipeline;
using Paperwire.Ingest.Snapshot;
using Paperwire.Search.Embeddings;
using Paperwire.Search.Indexing;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;
using Paperwire.Tests.SearchWeb;
using static Paperwire.Tests.Ingest.GluedSample;
using static Paperwire.Tests.SearchWeb.SearchTestKit;

namespace Paperwire.Tests.Ingest;

/// <summary>
/// A data folder that loaded an earlier copy of the shipped arXiv sample follows a changed copy on its next start: the
/// catalog, the keyword index and the vectors, with nothing duplicated and nothing of the readers' lost.
/// </summary>
public class ArxivSampleRefreshTests
{
    private const int SamplePapers = 4269;

    // Loading the sample is about 20 s of work on a quiet machine; CI is a busy one.
    private static readonly TimeSpan LoadTime = TimeSpan.FromMinutes(3);

    private static readonly Dictionary<string, string?> SampleOn = new() { ["Paperwire:DemoCorpus:ArxivSample"] = "true" };

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ADataFolderThatLoadedGluedWords_FollowsTheRepairedSample_InPagesKeywordsAndVectors(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var glued = await WriteAsync(database.DataDirectory);
        float[] gluedVector;

        // What an earlier release left: the sample loaded with glued words, and no note of which copy it was.
        await using (var before = await SearchNode.StartAsync(database.Settings, database.DataDirectory, embeddings: true))
        {
            await ImportAsync(before, glued);
            await PutInTheFeedWithVotesAsync(before, Agents, upvotes: 3);
            await UntilFoundAsync(before.Client, "torepresent", Agents);
            gluedVector = await UntilEmbeddedAsync(before, Agents);
        }

        await using var after = await SearchNode.StartAsync(database.Settings, database.DataDirectory, embeddings: true, settings: SampleOn);

        await UntilAsync(
            async () => (await SearchIdsAsync(after.Client, "mode=keyword&q=" + Uri.EscapeDataString("\"to represent human decision-making\""))).Contains(Agents),
            "the repaired phrase finds the paper", LoadTime);
        Assert.Empty(await SearchIdsAsync(after.Client, "mode=keyword&q=torepresent"));
        Assert.Empty(await SearchIdsAsync(after.Client, "mode=keyword&q=suchindividual"));
        Assert.Equal([Agents], await SearchIdsAsync(after.Client, "mode=keyword&q=" + Uri.EscapeDataString("\"feedback-rich computational models\"")));

        var page = WebUtility.HtmlDecode(await after.Client.GetStringAsync($"/papers/{Agents}", Cancel));
        Assert.Contains("such individual-level models utilize large language models such as ChatGPT to represent human decision-making", page);
        Assert.DoesNotContain("torepresent", page);

        var stored = await after.QueryAsync(db => db.Papers.Include(p => p.FeedEntry).AsNoTracking().SingleAsync(p => p.Id == Agents, Cancel));
        Assert.Equal(3, stored.Upvotes);
        Assert.Equal("ada", stored.FeedEntry?.SubmittedBy);
        Assert.Equal(SamplePapers, await after.QueryAsync(db => db.Papers.CountAsync(Cancel)));

        // The paper's vector is now the shipped one of the repaired text, which the model never had to compute.
        var repaired = EmbeddingStore.LoadShipped()[EmbeddingStore.ShippedKey($"{stored.Title}. {stored.Summary}")];
        var indexes = after.Services.GetRequiredService<SearchIndexes>();
        await UntilAsync(
            () => Task.FromResult(indexes.TryGetPaperVector(Agents, out var vector) && TensorPrimitives.CosineSimilarity(vector, repaired) > 0.9999f),
            "the paper's vector is the repaired text's", LoadTime);
        Assert.True(TensorPrimitives.CosineSimilarity(gluedVector, repaired) < 0.9999f, "the glued and the repaired text have different vectors");

        await UntilAsync(() => Task.FromResult(!indexes.SemanticWarmingUp), "the vectors have caught up with the catalog", LoadTime);
        Assert.Equal(SamplePapers, indexes.Current.Keyword.Count);
        Assert.Equal(SamplePapers, indexes.Current.Vectors!.Count);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task AChangedSample_RefreshesOnlyThePapersItPutThere(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var glued = await WriteAsync(database.DataDirectory);
        const string NeverLoaded = "2302.13325";

        await using (var before = await SearchNode.StartAsync(database.Settings, database.DataDirectory, embeddings: false, settings: new Dictionary<string, string?>(SampleOn) { ["Paperwire:DemoCorpus:ArxivSamplePath"] = glued }))
        {
            await UntilCompletedAsync(before, glued);
            await PutInTheFeedWithVotesAsync(before, Agents, upvotes: 3);
            // arXiv itself has since sent a new version of this one (a harvest), and this one the operator removed.
            var fromArxiv = await before.QueryAsync(db => db.Papers.AsNoTracking().SingleAsync(p => p.Id == Shareholding, Cancel));
            fromArxiv.Summary = "The abstract of version 2, as arXiv sends it.";
            fromArxiv.Versions = [new() { Number = 1, CreatedAt = new(2023, 9, 19, 17, 0, 0, TimeSpan.Zero) }, new() { Number = 2, CreatedAt = new(2023, 9, 20, 9, 0, 0, TimeSpan.Zero) }];
            fromArxiv.PublishedAt = fromArxiv.Versions[0].CreatedAt;
            await before.AddPapersAsync(fromArxiv);
            await before.QueryAsync(db => db.Papers.Where(p => p.Id == NeverLoaded).ExecuteDeleteAsync(Cancel));
        }

        await using var after = await SearchNode.StartAsync(database.Settings, database.DataDirectory, embeddings: false, settings: SampleOn);
        await UntilCompletedAsync(after, Shipped);

        var agents = await after.QueryAsync(db => db.Papers.Include(p => p.FeedEntry).AsNoTracking().SingleAsync(p => p.Id == Agents, Cancel));
        Assert.Contains("such individual-level models", agents.Summary);
        Assert.Equal(3, agents.Upvotes);
        Assert.NotNull(agents.FeedEntry);
        var shareholding = await after.QueryAsync(db => db.Papers.AsNoTracking().SingleAsync(p => p.Id == Shareholding, Cancel));
        Assert.Equal("The abstract of version 2, as arXiv sends it.", shareholding.Summary);
        Assert.Equal(2, shareholding.Versions.Count);
        Assert.False(await after.QueryAsync(db => db.Papers.AnyAsync(p => p.Id == NeverLoaded, Cancel)));
        Assert.Equal(SamplePapers - 1, await after.QueryAsync(db => db.Papers.CountAsync(Cancel)));
        // One note per copy of the sample: the earlier copy's is gone.
        Assert.Equal(
            [await ArxivSampleSync.CheckpointKeyAsync(Shipped, Cancel)],
            await after.QueryAsync(db => db.HarvestCheckpoints.Where(c => c.Key.StartsWith(ArxivSampleSync.CheckpointPrefix)).Select(c => c.Key).ToListAsync(Cancel)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task AFirstLoadCutShortByAStop_IsFinishedOnTheNextStart(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var firstThousand = Path.Combine(database.DataDirectory, "first-thousand.jsonl");
        await File.WriteAllLinesAsync(firstThousand, File.ReadLines(Shipped).Take(1000), Cancel);
        await using (var stopped = await SearchNode.StartAsync(database.Settings, database.DataDirectory, embeddings: false))
        {
            // The state a stop during the first load leaves: the load begun and noted, a quarter of the papers in.
            await using var scope = stopped.Services.CreateAsyncScope();
            var key = await ArxivSampleSync.CheckpointKeyAsync(Shipped, Cancel);
            await scope.ServiceProvider.GetRequiredService<HarvestCheckpoints>().SaveAsync(new HarvestCheckpoint { Key = key }, Cancel);
            await ImportAsync(stopped, firstThousand);
        }

        await using var next = await SearchNode.StartAsync(database.Settings, database.DataDirectory, embeddings: false, settings: SampleOn);
        await UntilCompletedAsync(next, Shipped);

        Assert.Equal(SamplePapers, await next.QueryAsync(db => db.Papers.CountAsync(Cancel)));
    }

    private static async Task ImportAsync(SearchNode node, string path)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var summary = await scope.ServiceProvider.GetRequiredService<SnapshotImporter>().ImportAsync(path, SnapshotFilter.All, new ImportOptions(), null, Cancel);
        Assert.Equal(0, summary.RejectedCount);
    }

    /// <summary>Readers' data on a sample paper: a submission to the daily feed and votes.</summary>
    private static async Task PutInTheFeedWithVotesAsync(SearchNode node, string paperId, int upvotes)
    {
        var paper = await node.QueryAsync(db => db.Papers.AsNoTracking().SingleAsync(p => p.Id == paperId, Cancel));
        paper.Upvotes = upvotes;
        paper.FeedEntry = new FeedEntry { PaperId = paperId, FeedDate = new(2026, 5, 28), SubmittedAt = TestApp.Now.AddDays(-1), SubmittedBy = "ada" };
        await node.AddPapersAsync(paper);
    }

    private static async Task<float[]> UntilEmbeddedAsync(SearchNode node, string paperId)
    {
        var indexes = node.Services.GetRequiredService<SearchIndexes>();
        var vector = Array.Empty<float>();
        await UntilAsync(() => Task.FromResult(!indexes.SemanticWarmingUp && indexes.TryGetPaperVector(paperId, out vector)), $"{paperId} is embedded", LoadTime);
        return vector;
    }

    private static async Task UntilCompletedAsync(SearchNode node, string sample)
    {
        var key = await ArxivSampleSync.CheckpointKeyAsync(sample, Cancel);
        await UntilAsync(
            () => node.QueryAsync(db => db.HarvestCheckpoints.AnyAsync(c => c.Key == key && c.Completed, Cancel)),
            $"the node has finished loading {Path.GetFileName(sample)}", LoadTime);
    }
}
