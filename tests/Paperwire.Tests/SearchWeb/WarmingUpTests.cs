using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Paperwire.Search.Embeddings;
using Paperwire.Storage;
using static Paperwire.Tests.SearchWeb.SearchTestKit;

namespace Paperwire.Tests.SearchWeb;

/// <summary>
/// "Semantic results are warming up": embeddings on, vectors not computed yet. The real model runs, but only when the
/// test lets it (<see cref="HeldModel"/>), so the state between "keyword-indexed" and "embedded" lasts as long as the
/// test needs it instead of the few milliseconds the model takes.
/// </summary>
public sealed class WarmingUpTests : IAsyncLifetime
{
    private const string HeatIslands = "2602.00001";
    private const string Paraphrase = "q=greenery+cooling+down+hot+towns";
    private const string Notice = "Semantic results are warming up";

    private readonly string data = Directory.CreateTempSubdirectory("paperwire-search-").FullName;
    private HeldModel? model;

    [Fact]
    public async Task UntilPapersAreEmbedded_SearchAnswersByKeyword_AndSaysSemanticIsWarmingUp()
    {
        await using var node = await StartAsync(demo: false);
        await node.AddPapersAsync(
        [
            .. TwoTopics(),
            Paper(HeatIslands, new(2026, 2, 2), "Urban heat islands and tree canopy cover",
                "Satellite thermal imagery of forty cities shows that neighbourhoods with more street trees are several degrees cooler on summer afternoons.", "physics.ao-ph"),
        ]);
        // Keyword indexing comes first and needs no model: once the paper is found, its vector is waiting on the model.
        await UntilFoundAsync(node.Client, "urban heat islands", HeatIslands);

        using (var response = await node.Client.GetAsync("/api/papers/search?q=urban+heat+islands", Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["warming-up"], response.Headers.GetValues("X-Paperwire-Semantic"));
        }

        Assert.Equal(HeatIslands, (await SearchIdsAsync(node.Client, "q=urban+heat+islands"))[0]);
        Assert.DoesNotContain(HeatIslands, await SearchIdsAsync(node.Client, Paraphrase));
        Assert.Empty(await SimilarIdsAsync(node.Client, HeatIslands));
        var page = WebUtility.HtmlDecode(await node.Client.GetStringAsync("/search?q=urban+heat+islands", Cancel));
        Assert.Contains(Notice, page);
        Assert.Contains("tree canopy cover", page);

        model!.Release();
        await UntilAsync(async () => !await WarmingUpAsync(node.Client), "the header no longer says warming-up");

        Assert.Equal(HeatIslands, (await SearchIdsAsync(node.Client, Paraphrase))[0]);
        // The similar-papers answer is output-cached; it is evicted within the cache's poll interval, not at once.
        await UntilEmbeddedAsync(node.Client, HeatIslands);
        Assert.DoesNotContain(Notice, WebUtility.HtmlDecode(await node.Client.GetStringAsync("/search?q=urban+heat+islands", Cancel)));
    }

    [Fact]
    public async Task TheDemoCorpus_HasSemanticSearchAtOnce_FromTheShippedVectors()
    {
        // The model is never let run for documents here: every demo paper's vector must come with Paperwire.
        await using var node = await StartAsync(demo: true);

        await UntilAsync(async () => !await WarmingUpAsync(node.Client), "the demo corpus is searchable by meaning");

        var zero = (await SearchIdsAsync(node.Client, "q=ZeRO-Infinity&mode=keyword"))[0];
        Assert.NotEmpty(await SimilarIdsAsync(node.Client, zero));
        using var results = await SearchJsonAsync(node.Client, "mode=semantic&limit=5&q=" + Uri.EscapeDataString("training models too big for one graphics card"));
        Assert.Equal(5, results.RootElement.GetArrayLength());
        Assert.Equal(0, model!.DocumentsEmbedded);
    }

    private async Task<SearchNode> StartAsync(bool demo) => await SearchNode.StartAsync(
        DatabaseSettings.Resolve(data, null),
        data,
        embeddings: true,
        services =>
        {
            services.RemoveAll<ITextEmbedder>();
            services.AddSingleton<ArcticEmbedder>();
            services.AddSingleton(provider => model = new HeldModel(provider.GetRequiredService<ArcticEmbedder>()));
            services.AddSingleton<ITextEmbedder>(provider => provider.GetRequiredService<HeldModel>());
        },
        demo);

    private static async Task<bool> WarmingUpAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/papers/search?q=anything", Cancel);
        return response.Headers.Contains("X-Paperwire-Semantic");
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        model?.Release();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The real model, whose document embedding waits until the test releases it (queries run at once).</summary>
    private sealed class HeldModel(ArcticEmbedder model) : ITextEmbedder
    {
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int documents;

        public string ModelName => model.ModelName;

        public int Dimensions => model.Dimensions;

        public int DocumentsEmbedded => Volatile.Read(ref documents);

        public void Release() => released.TrySetResult();

        public float[][] EmbedDocuments(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            // The index worker calls this on a thread-pool thread of its own (Task.Run), so blocking here holds only it.
            released.Task.Wait(cancellationToken);
            Interlocked.Add(ref documents, texts.Count);
            return model.EmbedDocuments(texts, cancellationToken);
        }

        public float[] EmbedQuery(string query) => model.EmbedQuery(query);
    }
}
