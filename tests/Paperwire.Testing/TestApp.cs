using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Paperwire.Core.Papers;
using Paperwire.Hosting;
using Paperwire.Search.Indexing;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;
using Paperwire.Storage.Embeddings;

namespace Paperwire.Testing;

/// <summary>
/// The real Paperwire web app on a throwaway database: in memory (TestServer) for integration tests,
/// or on a loopback port (Kestrel) for the browser and load tests.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    /// <summary>"Now" in tests: the day after the demo corpus' latest feed date.</summary>
    public static readonly DateTimeOffset Now = new(2026, 5, 29, 12, 0, 0, TimeSpan.Zero);

    private readonly WebApplication app;

    private TestApp(WebApplication app, TestDatabase database, HttpClient client, Uri baseAddress)
    {
        this.app = app;
        Database = database;
        Client = client;
        BaseAddress = baseAddress;
    }

    public TestDatabase Database { get; }

    public HttpClient Client { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => app.Services;

    public FakeTimeProvider Clock => (FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>();

    /// <summary>
    /// Starts the app in memory. With <paramref name="demo"/> the first-start demo corpus is loaded. Embeddings
    /// (the model, vectors, similar papers) are off unless <paramref name="embeddings"/>: most tests never search
    /// by meaning, and loading the model costs a second and 200 MB.
    /// </summary>
    /// <param name="settings">Extra configuration (e.g. <c>Digests:Smtp:Host</c>), applied last.</param>
    public static Task<TestApp> StartAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite, bool demo = true, bool arxivSample = false, bool embeddings = false, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(provider, demo, kestrel: false, arxivSample, embeddings, settings);

    /// <summary>Starts the app on a free loopback port, for a real browser or load generator.</summary>
    public static Task<TestApp> StartOnLoopbackAsync(
        DatabaseProvider provider = DatabaseProvider.Sqlite, bool demo = true, bool embeddings = false, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(provider, demo, kestrel: true, arxivSample: false, embeddings, settings);

    /// <summary>
    /// Starts a second node of <paramref name="first"/>'s cluster in memory: the same database, a data folder and
    /// caches of its own, as a separate process would have them. It only migrates (a no-op), as with <c>demo: false</c>.
    /// </summary>
    public static Task<TestApp> StartAnotherNodeAsync(TestApp first, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(first.Database.ForAnotherNode(), demo: false, kestrel: false, arxivSample: false, embeddings: false, settings);

    /// <summary>
    /// Starts the app on a deployment that already exists (a restored backup: a data folder, a database), preparing it
    /// as <c>paperwire serve</c> does. Disposing the app disposes <paramref name="database"/>.
    /// </summary>
    public static Task<TestApp> StartOnAsync(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(database, demo: true, kestrel: false, arxivSample: false, embeddings: false, settings);

    private static async Task<TestApp> StartAsync(DatabaseProvider provider, bool demo, bool kestrel, bool arxivSample, bool embeddings, IReadOnlyDictionary<string, string?>? settings) =>
        await StartAsync(await TestDatabase.CreateAsync(provider), demo, kestrel, arxivSample, embeddings, settings);

    private static async Task<TestApp> StartAsync(TestDatabase database, bool demo, bool kestrel, bool arxivSample, bool embeddings, IReadOnlyDictionary<string, string?>? settings)
    {
        var paperwire = new PaperwireSettings(database.DataDirectory, database.Settings);
        var app = PaperwireWebApp.Create(paperwire, builder =>
        {
            if (kestrel)
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
            }
            else
            {
                builder.WebHost.UseTestServer();
            }

            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // Tests that want the background arXiv sample load turn it on themselves.
            builder.Configuration["Paperwire:DemoCorpus:ArxivSample"] = arxivSample ? "true" : "false";
            // No test waits for 02:00 UTC; scheduler tests call ScheduledHarvest.RunOnceAsync themselves.
            builder.Configuration["Ingest:Schedule:Enabled"] = "false";
            // No test reaches arXiv; title-matching tests point it at a fixture server and turn it on.
            builder.Configuration["Ingest:TitleMatch:Enabled"] = "false";
            // No test fetches PDFs from arXiv; thumbnail tests point the worker at a fixture server and run it themselves.
            builder.Configuration["Paperwire:Thumbnails:Enabled"] = "false";
            // Digest tests run the digest themselves (DigestRun), at the fake clock's time.
            builder.Configuration["Digests:Schedule:Enabled"] = "false";
            // No test reaches GitHub; the stars tests point it at a fixture server and run the refresh themselves.
            builder.Configuration["GitHub:Stars:Enabled"] = "false";
            builder.Configuration["Paperwire:Cache:PollInterval"] = "00:00:00.100";
            builder.Configuration["Search:Embeddings"] = embeddings ? "true" : "false";
            builder.Configuration["Search:PollInterval"] = "00:00:00.100";
            // Key sentences run the model over every paper's sentences; the tests of them turn it on.
            builder.Configuration["Search:Glance"] = "false";
            builder.Services.RemoveAll<TimeProvider>();
            builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.Configuration[key] = value;
            }
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
        if (kestrel)
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return new TestApp(app, database, new HttpClient { BaseAddress = address }, address);
        }

        var client = app.GetTestClient();
        return new TestApp(app, database, client, client.BaseAddress!);
    }

    /// <summary>Adds papers straight to the catalog (and evicts cached pages, as every writer must).</summary>
    public async Task AddPapersAsync(params Paper[] papers)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CatalogWriter>().UpsertAsync(papers, mirrorsFeed: true, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<FeedCache>().InvalidateAsync(CancellationToken.None);

        // Wait until the cache invalidator has seen this change too, so it cannot evict again later, in the
        // middle of a test that checks what is cached.
        await UntilCacheCaughtUpAsync();
    }

    /// <summary>
    /// Waits until the cache invalidator has seen every catalog change so far (a background job's, say), so no cached
    /// page predates it. The bound only turns a hang into a failure.
    /// </summary>
    public async Task UntilCacheCaughtUpAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var written = await scope.ServiceProvider.GetRequiredService<ChangeSequence>().CurrentAsync(CancellationToken.None);
        var invalidator = app.Services.GetRequiredService<FeedCacheInvalidator>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (invalidator.ObservedSequence < written && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Waits until every catalog change is in the keyword index and, with embeddings on, every paper is embedded (the
    /// database's embedding queue is empty) and every stored vector is in the vector index, so that search, similar
    /// papers and For you rank the same on every request from here on. With the shipped vectors this takes seconds;
    /// the bound only turns a hang into a failure.
    /// </summary>
    public async Task UntilIndexedAsync()
    {
        var indexes = app.Services.GetRequiredService<SearchIndexes>();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                // Nothing in the catalog after the keyword index's position; not "position equals the counter", which a
                // write that took a number and touched no paper (an organization saved) would keep apart for good.
                var changes = scope.ServiceProvider.GetRequiredService<CatalogChanges>();
                var work = scope.ServiceProvider.GetRequiredService<EmbeddingWork>();
                // The queue before the sequence: a vector stored after the queue looked empty is then within the sequence.
                var embedded = !indexes.EmbeddingsEnabled || await work.IsEmptyAsync(CancellationToken.None);
                var stored = indexes.EmbeddingsEnabled ? await work.LatestSequenceAsync(CancellationToken.None) : 0;
                var generation = indexes.Current;
                if ((await changes.AfterAsync(generation.KeywordSequence, 1, CancellationToken.None)).Count == 0
                    && embedded && generation.VectorSequence >= stored)
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The search indexes did not catch up with the catalog within 120 s.");
            }

            await Task.Delay(100);
        }
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
        await Database.DisposeAsync();
    }
}
