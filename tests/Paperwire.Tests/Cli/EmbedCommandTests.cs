using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Core.Papers;
using Paperwire.Search.Embeddings;
using Paperwire.Storage;
using Paperwire.Tests.SearchWeb;

namespace Paperwire.Tests.Cli;

/// <summary><c>paperwire embed</c> as an operator runs it: a batch job over the database's embedding queue.</summary>
public sealed class EmbedCommandTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("paperwire-embed-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Embed_WithALimit_EmbedsThatMany_AndBackfill_QueuesAndEmbedsThePapersWithoutAVector()
    {
        await SeedAsync(Generated(5));

        var limited = await EmbedAsync("--limit", "2");
        Assert.Contains("Embedded 2/2 (2 run through the model)", limited);
        Assert.Contains("Embedded 2 papers in ", limited);
        Assert.Contains("2 run through the model, 2 vectors stored, 0 withdrawn, 0 unchanged, 0 taken over by another node; 3 papers still queued.", limited);
        Assert.Equal(2, await QueryAsync(db => db.PaperEmbeddings.CountAsync(e => e.Vector != null, Cancel)));

        // A catalog from before the queue (or a new model): papers without a vector that nothing queued.
        await QueryAsync(db => db.EmbeddingQueue.ExecuteDeleteAsync(Cancel));
        Assert.Contains("Embedded 0 papers in ", await EmbedAsync());

        var backfilled = await EmbedAsync("--backfill");
        Assert.Contains("3 run through the model, 3 vectors stored", backfilled);
        Assert.Contains("0 papers still queued (3 queued by --backfill).", backfilled);
        Assert.Equal(5, await QueryAsync(db => db.PaperEmbeddings.CountAsync(e => e.Vector != null, Cancel)));
    }

    [Fact]
    public async Task Embed_OnCuda_WithoutAnNvidiaGpu_SaysSo_AndExits2()
    {
        Assert.SkipWhen(CudaDevice.WhyUnavailable() is null, "This machine has an NVIDIA GPU.");
        await SeedAsync(Generated(1));

        var (exitCode, output) = await PaperwireProcess.RunAsync("embed", "--device", "cuda", "--data", data);

        Assert.Equal(2, exitCode);
        Assert.Contains("error: --device cuda: no NVIDIA GPU found", output);
        Assert.Contains("Run without it to embed on the CPU.", output);
        Assert.Equal(0, await QueryAsync(db => db.PaperEmbeddings.CountAsync(Cancel)));
    }

    [Fact]
    public async Task Embed_WithALimitBelowOne_IsAUsageError()
    {
        var (exitCode, output) = await PaperwireProcess.RunAsync("embed", "--limit", "0", "--data", data);

        Assert.Equal(2, exitCode);
        Assert.Contains("error: --limit must be at least 1.", output);
    }

    private async Task<string> EmbedAsync(params string[] args)
    {
        var (exitCode, output) = await PaperwireProcess.RunAsync(["embed", .. args, "--data", data]);
        Assert.True(exitCode == 0, $"embed exited {exitCode}: {output}");
        return output;
    }

    /// <summary>Writes papers straight into this data folder's SQLite catalog, as an import would (which queues them).</summary>
    private async Task SeedAsync(IReadOnlyList<Paper> papers)
    {
        await using var provider = Services();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(Cancel);
        await scope.ServiceProvider.GetRequiredService<CatalogWriter>().UpsertAsync(papers, mirrorsFeed: true, Cancel);
    }

    private async Task<T> QueryAsync<T>(Func<PaperwireDbContext, Task<T>> query)
    {
        await using var provider = Services();
        await using var scope = provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PaperwireDbContext>());
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPaperwireStorage(DatabaseSettings.Resolve(data, null));
        return services.BuildServiceProvider();
    }

    private static Paper[] Generated(int count) => [.. Enumerable.Range(1, count).Select(i => SearchTestKit.Paper(
        $"2608.{i:D5}", new DateOnly(2026, 8, 1).AddDays(i), $"Glacier retreat survey {i}", $"Season {i} of a glacier survey: the terminus moved {i * 12} metres.", "physics.geo-ph"))];

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
