using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Core.Papers;
using Paperwire.Ingest.DemoCorpus;
using Paperwire.Search.Indexing;
using Paperwire.Storage;
using Paperwire.Tests.SearchWeb;

namespace Paperwire.Tests.Cli;

/// <summary><c>paperwire reindex</c> as an operator runs it: a summary, a new generation behind <c>current</c>, and a kill that harms nothing.</summary>
public sealed partial class ReindexCommandTests : IDisposable
{
    private static readonly Dictionary<string, string> KeywordOnly = new() { ["Search__Embeddings"] = "false" };

    private readonly string data = Directory.CreateTempSubdirectory("paperwire-reindex-").FullName;

    private string SearchFolder => Path.Combine(data, "search");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reindex_PrintsASummary_PointsCurrentAtANewGeneration_AndKeepsOnlyThePreviousOne()
    {
        // The demo papers' vectors ship with Paperwire; three new papers need the model, and only once.
        await SeedAsync([.. DemoCorpusLoader.ReadPapers(), .. Generated(3)]);

        var first = await ReindexAsync([]);
        Assert.Contains("Keyword: 0/70\n", first.Output);
        Assert.Contains("Keyword: 70/70\n", first.Output);
        Assert.Contains("Embeddings: 70/70 (3 run through the model, the rest from stored, shipped or cached vectors)", first.Output);
        Assert.Contains("Vectors: 70/70\n", first.Output);
        Assert.Contains("Reindexed 70 papers (70 vectors; 3 papers run through the model)", first.Output);
        Assert.Equal(first.Generation, Current());
        Assert.True(Directory.Exists(Path.Combine(SearchFolder, first.Generation, "keyword")));
        Assert.True(File.Exists(Path.Combine(SearchFolder, first.Generation, "vectors.usearch")));

        const string Stale = "gen-20000101-000000-000"; // left over from some earlier rebuild
        Directory.CreateDirectory(Path.Combine(SearchFolder, Stale));
        var second = await ReindexAsync([]);

        // The vectors are stored in the database now: the second rebuild reads them and embeds nothing.
        Assert.Contains("Embeddings: 0/0 (0 run through the model", second.Output);
        Assert.Contains("Reindexed 70 papers (70 vectors; 0 papers run through the model)", second.Output);
        Assert.NotEqual(first.Generation, second.Generation);
        Assert.Equal(second.Generation, Current());
        // The previous generation stays (a running server may still be reading it); older ones go.
        Assert.Equal([first.Generation, second.Generation], Generations());

        await using var app = await SearchNode.StartAsync(DatabaseSettings.Resolve(data, null), data, embeddings: false);
        using var found = await SearchTestKit.SearchJsonAsync(app.Client, "q=breaking+the+GPU+memory+wall");
        Assert.StartsWith("ZeRO-Infinity", found.RootElement[0].GetProperty("title").GetString());
        Assert.Equal(second.Generation, Current()); // the app served what reindex built
    }

    [Fact]
    public async Task ARunningServer_SwitchesToTheRebuiltGeneration_AndKeepsItCurrent()
    {
        await SeedAsync(Generated(20));
        await using var app = await SearchNode.StartAsync(DatabaseSettings.Resolve(data, null), data, embeddings: false);
        await SearchTestKit.UntilFoundAsync(app.Client, "perovskite run 20", "2605.00020");
        var indexes = app.Services.GetRequiredService<SearchIndexes>();
        var served = indexes.Current.Name;

        var rebuilt = await ReindexAsync(KeywordOnly);

        Assert.NotEqual(served, rebuilt.Generation);
        await SearchTestKit.UntilAsync(() => Task.FromResult(indexes.Current.Name == rebuilt.Generation), "the server serves the rebuilt generation");
        Assert.Equal("2605.00001", (await SearchTestKit.SearchIdsAsync(app.Client, "q=perovskite+run+1&limit=1"))[0]);
        await app.AddPapersAsync(SearchTestKit.Paper("2605.00999", new(2026, 5, 30), "Tandem cells after the rebuild", "Written while the new generation serves.", "cond-mat.mtrl-sci"));
        await SearchTestKit.UntilFoundAsync(app.Client, "tandem cells rebuild", "2605.00999");
    }

    [Fact]
    public async Task Reindex_KilledPartway_LeavesThePreviousGenerationServing()
    {
        // Papers no shipped vector fits: the rebuild has a minute of model work ahead when it is killed.
        await SeedAsync(Generated(300));
        var previous = await ReindexAsync(KeywordOnly);
        var previousFiles = Files(previous.Generation);

        using (var killed = PaperwireProcess.Start("reindex", "--data", data))
        {
            await WaitForAsync(() => killed.Output.Contains("Keyword: ", StringComparison.Ordinal), "the first progress line");
            killed.Kill();
            Assert.DoesNotContain("Reindexed", killed.Output);
        }

        Assert.Equal(previous.Generation, Current());
        Assert.Equal(previousFiles, Files(previous.Generation));
        Assert.Contains(Generations(), g => g != previous.Generation); // the abandoned one, half written (the next rebuild deletes it)

        await using (var app = await SearchNode.StartAsync(DatabaseSettings.Resolve(data, null), data, embeddings: false))
        {
            Assert.Equal("2605.00001", (await SearchTestKit.SearchIdsAsync(app.Client, "q=perovskite+run+1&limit=1"))[0]);
            Assert.Equal(previous.Generation, Current());
        }
    }

    private async Task<(string Output, string Generation)> ReindexAsync(Dictionary<string, string> environment)
    {
        using var run = PaperwireProcess.Start(environment, "reindex", "--data", data);
        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Assert.True(exitCode == 0, $"reindex exited {exitCode}: {run.Output}");
        var summary = Summary().Match(run.Output);
        Assert.True(summary.Success, $"no summary line in: {run.Output}");
        return (run.Output, summary.Groups[1].Value);
    }

    /// <summary>Writes papers straight into this data folder's SQLite catalog, as an import would.</summary>
    private async Task SeedAsync(IReadOnlyList<Paper> papers)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPaperwireStorage(DatabaseSettings.Resolve(data, null));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(Cancel);
        await scope.ServiceProvider.GetRequiredService<CatalogWriter>().UpsertAsync(papers, mirrorsFeed: true, Cancel);
    }

    /// <summary>Papers with texts of their own (so no shipped vector fits), each findable by "perovskite run N".</summary>
    private static Paper[] Generated(int count) => [.. Enumerable.Range(1, count).Select(i => SearchTestKit.Paper(
        $"2605.{i:D5}",
        new DateOnly(2026, 5, 1).AddDays(i % 28),
        $"Perovskite solar cell stability, run {i}",
        $"Run {i} of an accelerated ageing study: {i % 7 + 2} encapsulation layers, {i % 5 * 10 + 40} °C and {i % 3 * 25 + 25}% humidity over {i % 11 + 100} hours, with efficiency losses mapped by photoluminescence.",
        "cond-mat.mtrl-sci"))];

    private string? Current()
    {
        var pointer = Path.Combine(SearchFolder, "current");
        return File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : null;
    }

    private List<string> Generations() =>
        [.. Directory.EnumerateDirectories(SearchFolder, "gen-*").Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    /// <summary>Every file of a generation with its length and last write, to show nothing touched it.</summary>
    private List<string> Files(string generation)
    {
        var folder = Path.Combine(SearchFolder, generation);
        return [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => new FileInfo(f))
            .Where(f => f.Name != "write.lock")
            .Select(f => $"{Path.GetRelativePath(folder, f.FullName)} {f.Length} {f.LastWriteTimeUtc:O}")
            .Order(StringComparer.Ordinal)];
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"Gave up waiting for {what}.");
            await Task.Delay(10, Cancel);
        }
    }

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

    [GeneratedRegex(@"Reindexed [\d,]+ papers \([\d,]+ vectors; [\d,]+ papers run through the model\) in [\d.]+ s; serving generation (gen-[\w-]+)\.")]
    private static partial Regex Summary();
}
