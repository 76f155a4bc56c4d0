using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Paperwire.Search.Embeddings;
using Paperwire.Search.Indexing;
using Paperwire.Storage;
using Paperwire.Storage.Embeddings;
using Paperwire.Tests.SearchWeb;
using static Paperwire.Tests.SearchWeb.SearchTestKit;

namespace Paperwire.Tests.Embeddings;

/// <summary>
/// <c>Search:EmbeddingModel</c> chooses the model at startup. Vectors are stored per model: a node started with the
/// other model embeds the catalog again with it, and its index serves that model's vectors only, never a mix.
/// </summary>
public sealed class EmbeddingModelSwitchTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("paperwire-model-switch-").FullName;
    private TestDatabase? database;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task SwitchingToTheInt8Model_ReEmbedsEveryPaper_AndTheIndexServesOnlyItsVectors(DatabaseProvider provider)
    {
        database = await TestDatabase.CreateAsync(provider);
        await using (var floatNode = await NodeAsync("arctic-embed-xs"))
        {
            await floatNode.AddPapersAsync(TwoTopics());
            await UntilEmbeddedAndIndexedAsync(floatNode);
        }

        await using var int8Node = await NodeAsync("arctic-embed-xs-int8");
        await UntilEmbeddedAndIndexedAsync(int8Node);

        var stored = await int8Node.QueryAsync(db => db.PaperEmbeddings.AsNoTracking().Where(e => e.Vector != null).ToListAsync(Cancel));
        Assert.Equal(6, stored.Count(e => e.Model == "snowflake-arctic-embed-xs"));
        Assert.Equal(6, stored.Count(e => e.Model == "snowflake-arctic-embed-xs-int8"));
        var indexes = int8Node.Services.GetRequiredService<SearchIndexes>();
        Assert.Equal("snowflake-arctic-embed-xs-int8", indexes.ModelName);
        Assert.Equal(6, indexes.Current.Vectors!.Count);
        foreach (var paper in TwoTopics())
        {
            Assert.True(indexes.TryGetPaperVector(paper.Id, out var served));
            var int8 = HalfVectors.Decode(stored.Single(e => e.PaperId == paper.Id && e.Model.EndsWith("-int8", StringComparison.Ordinal)).Vector!);
            var float32 = HalfVectors.Decode(stored.Single(e => e.PaperId == paper.Id && !e.Model.EndsWith("-int8", StringComparison.Ordinal)).Vector!);
            Assert.Equal(int8, served);
            Assert.NotEqual(float32, served);
            Assert.InRange(VectorMath.Dot(int8, float32), 0.99, 1.01); // the same meaning, in another model's numbers
        }

        // Meaning search works on the new model's vectors (the query is embedded by the same model).
        Assert.Equal("2601.00004", (await SearchIdsAsync(int8Node.Client, "q=" + Uri.EscapeDataString("what a black hole looks like through a telescope")))[0]);
    }

    [Fact]
    public async Task AnUnknownModel_StopsTheNodeFromStarting_WithTheModelsThatExist()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => NodeAsync("arctic-embed-xl"));

        Assert.Equal("Search:EmbeddingModel 'arctic-embed-xl' is not a model Paperwire knows; use arctic-embed-xs or arctic-embed-xs-int8.", error.Message);
    }

    private Task<SearchNode> NodeAsync(string model) => SearchNode.StartAsync(
        database!.Settings, folder, embeddings: true, settings: new Dictionary<string, string?> { ["Search:EmbeddingModel"] = model });

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

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
