using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Tests.SearchWeb;

/// <summary>What the search tests share: waiting for the index worker, reading search answers, papers with real text.</summary>
internal static class SearchTestKit
{
    public static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Polls <paramref name="condition"/> until it holds; the index worker runs every 100 ms in tests.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < limit, $"Gave up after {limit.TotalSeconds:F0} s waiting until {what}.");
            await Task.Delay(50, Cancel);
        }
    }

    /// <summary>Paper ids of <c>GET /api/papers/search?{query}</c>, which must answer 200.</summary>
    public static async Task<List<string>> SearchIdsAsync(HttpClient client, string query)
    {
        using var document = await SearchJsonAsync(client, query);
        return [.. document.RootElement.EnumerateArray().Select(item => item.GetProperty("paper").GetProperty("id").GetString()!)];
    }

    public static async Task<JsonDocument> SearchJsonAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/papers/search?" + query, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"search?{query} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }

    /// <summary>Ids of <c>GET /api/papers/{id}/similar</c>, which must answer 200.</summary>
    public static async Task<List<string>> SimilarIdsAsync(HttpClient client, string paperId, int limit = 10)
    {
        using var response = await client.GetAsync($"/api/papers/{paperId}/similar?limit={limit}", Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{paperId}/similar answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return [.. document.RootElement.EnumerateArray().Select(item => item.GetProperty("id").GetString()!)];
    }

    /// <summary>Waits until a keyword search for <paramref name="words"/> lists <paramref name="paperId"/>.</summary>
    public static Task UntilFoundAsync(HttpClient client, string words, string paperId) => UntilAsync(
        async () => (await SearchIdsAsync(client, "mode=keyword&limit=100&q=" + Uri.EscapeDataString(words))).Contains(paperId),
        $"a search for '{words}' finds {paperId}");

    /// <summary>Waits until <paramref name="paperId"/> has a vector: its similar papers are listed (needs a second paper).</summary>
    public static Task UntilEmbeddedAsync(HttpClient client, string paperId) => UntilAsync(
        async () => (await SimilarIdsAsync(client, paperId)).Count > 0,
        $"{paperId} is embedded");

    public static Paper Paper(string id, DateOnly publishedOn, string title, string summary, params string[] categories)
    {
        var paper = PaperFactory.InCatalog(id, publishedOn, title: title);
        paper.Summary = summary;
        paper.Categories = [.. categories];
        return paper;
    }

    /// <summary>Three papers on protein folding, three on black holes: realistic abstracts, two clear topics.</summary>
    public static Paper[] TwoTopics() =>
    [
        Paper("2601.00001", new(2026, 1, 5), "Deep learning predicts protein tertiary structure from sequence",
            "We train a transformer on multiple sequence alignments to predict the three-dimensional fold of a protein from its amino acid sequence, reaching near-experimental accuracy on held-out domains.", "q-bio.BM"),
        Paper("2601.00002", new(2026, 1, 6), "Folding free-energy landscapes of small proteins from molecular dynamics",
            "Long all-atom molecular dynamics simulations reveal how small globular proteins fold, with intermediate states and kinetic traps along the folding pathway of the polypeptide chain.", "q-bio.BM"),
        Paper("2601.00003", new(2026, 1, 7), "Misfolded proteins and chaperones in cellular stress",
            "Chaperone proteins recognise misfolded polypeptides and help them reach their native conformation; we measure how heat stress changes protein folding yields in yeast cells.", "q-bio.BM"),
        Paper("2601.00004", new(2026, 1, 8), "Shadows of rotating black holes in the Event Horizon Telescope era",
            "We compute the photon ring and shadow of Kerr black holes and compare them with interferometric images of supermassive black holes at the centres of galaxies.", "gr-qc"),
        Paper("2601.00005", new(2026, 1, 9), "Hawking radiation and the information paradox",
            "Evaporating black holes emit thermal Hawking radiation; we discuss island formulas and the Page curve that restore unitarity in semiclassical gravity.", "hep-th"),
        Paper("2601.00006", new(2026, 1, 10), "Gravitational waves from binary black hole mergers",
            "Numerical relativity waveforms of merging stellar-mass black holes are compared with LIGO and Virgo detections to measure the masses and spins of the compact binaries.", "gr-qc"),
    ];
}

/// <summary>
/// The app on TestServer like <see cref="TestApp"/>, but over a database and data folder the test chooses and with
/// services it may replace: a second node on the same PostgreSQL, a fresh app over a folder the CLI reindexed, or a
/// model that waits for the test's signal.
/// </summary>
internal sealed class SearchNode : IAsyncDisposable
{
    private readonly WebApplication app;

    private SearchNode(WebApplication app, HttpClient client)
    {
        this.app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    /// <param name="settings">Extra configuration (e.g. the arXiv sample turned on), applied last.</param>
    public static async Task<SearchNode> StartAsync(
        DatabaseSettings database, string dataDirectory, bool embeddings, Action<IServiceCollection>? services = null, bool demo = false, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = PaperwireWebApp.Create(new PaperwireSettings(dataDirectory, database), builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Configuration["Paperwire:DemoCorpus:ArxivSample"] = "false";
            builder.Configuration["Ingest:Schedule:Enabled"] = "false";
            builder.Configuration["Ingest:TitleMatch:Enabled"] = "false";
            builder.Configuration["Paperwire:Thumbnails:Enabled"] = "false";
            builder.Configuration["Paperwire:Cache:PollInterval"] = "00:00:00.100";
            builder.Configuration["Search:Embeddings"] = embeddings ? "true" : "false";
            builder.Configuration["Search:PollInterval"] = "00:00:00.100";
            // Key sentences run the model over every paper's sentences; the tests of them turn it on.
            builder.Configuration["Search:Glance"] = "false";
            builder.Services.RemoveAll<TimeProvider>();
            builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestApp.Now));
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.Configuration[key] = value;
            }

            services?.Invoke(builder.Services);
        });
        if (demo)
        {
            await PaperwireWebApp.PrepareAsync(app, CancellationToken.None);
        }
        else
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        await app.StartAsync();
        return new SearchNode(app, app.GetTestClient());
    }

    public async Task AddPapersAsync(params Paper[] papers)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CatalogWriter>().UpsertAsync(papers, mirrorsFeed: true, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<FeedCache>().InvalidateAsync(CancellationToken.None);
    }

    /// <summary>Runs <paramref name="query"/> on a fresh DbContext, to check what is stored.</summary>
    public async Task<T> QueryAsync<T>(Func<PaperwireDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PaperwireDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
