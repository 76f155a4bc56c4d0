using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage;
using Paperwire.Tests.Cli;

namespace Paperwire.Tests.Ingest;

/// <summary>
/// The real <c>paperwire harvest oai</c>, killed with SIGKILL halfway and run again, ends with exactly the catalog
/// an uninterrupted harvest makes: same papers, same fields, same change-sequence numbers, same checkpoint.
/// </summary>
public class HarvestResumeTests
{
    private static readonly TimeSpan SlowPage = TimeSpan.FromSeconds(1.5);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Killed_harvest_run_again_ends_with_the_catalog_of_an_uninterrupted_one(DatabaseProvider provider)
    {
        await using var server = await FixtureServer.StartAsync();
        server.On("/oai", "resumptionToken", "7103345|1001", FixtureResponse.Xml("oai/arxiv-cs-page2.xml").Slowly(SlowPage));
        server.On("/oai", "resumptionToken", "7103345|2001", FixtureResponse.Xml("oai/arxiv-cs-page3.xml").Slowly(SlowPage));
        server.OnOaiCsPages();
        await using var uninterrupted = await TestDatabase.CreateAsync(provider);
        await using var interrupted = await TestDatabase.CreateAsync(provider);
        await using var expected = await server.CreateHarvestServicesAsync(uninterrupted.Settings);
        await using var actual = await server.CreateHarvestServicesAsync(interrupted.Settings);
        var rejects = Path.Combine(uninterrupted.DataDirectory, "rejects.jsonl");

        using (var whole = StartHarvest(server, uninterrupted, "--rejects", rejects))
        {
            Assert.Equal(0, await whole.WaitForExitAsync(TimeSpan.FromSeconds(90)));
            Assert.Contains("inserted", whole.Output);
        }

        Assert.Equal(3, File.ReadAllLines(rejects).Length);

        using (var killed = StartHarvest(server, interrupted))
        {
            await WaitUntilAsync(async () => (await actual.CheckpointAsync(OaiHarvesterTests.CsSince2025.CheckpointKey))?.PagesDone >= 1, TimeSpan.FromSeconds(60));
            killed.Kill();
        }

        var stopped = await actual.CheckpointAsync(OaiHarvesterTests.CsSince2025.CheckpointKey);
        Assert.False(stopped!.Completed, "the harvest finished before it was killed; the test proves nothing");

        using (var resumed = StartHarvest(server, interrupted))
        {
            Assert.Equal(0, await resumed.WaitForExitAsync(TimeSpan.FromSeconds(90)));
            Assert.Contains("Resuming harvest oai|arXiv|cs|2025-01-01|", resumed.Output);
        }

        Assert.Equal(2, server.RequestsFor("/oai", "resumptionToken", null).Count); // once per database: the second run resumed
        Assert.Equal(OaiHarvesterTests.CsPapers, await actual.PaperIdsAsync());
        Assert.Equal(await CatalogAsync(expected), await CatalogAsync(actual));
    }

    /// <summary>Everything the harvest stored, as JSON: every paper with every field, the change counter, the checkpoints.</summary>
    private static Task<string> CatalogAsync(IServiceProvider services) => services.QueryAsync(async db =>
    {
        var papers = await db.Papers.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
        var counters = await db.Counters.AsNoTracking().OrderBy(c => c.Name).ToListAsync();
        var checkpoints = await db.HarvestCheckpoints.AsNoTracking().OrderBy(c => c.Key)
            .Select(c => new { c.Key, c.ResumptionToken, c.PagesDone, c.RecordsDone, c.Completed }) // UpdatedAt is when, not what
            .ToListAsync();
        return JsonSerializer.Serialize(new { papers, counters, checkpoints }, Indented);
    });

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < timeout, "the harvest stored no page in time");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary><c>paperwire harvest oai --set cs --from 2025-01-01</c> against the fixture server, configured through the environment.</summary>
    /// <summary>The real <c>paperwire harvest oai</c> against the fixture server, with no politeness pause.</summary>
    private static PaperwireProcess StartHarvest(FixtureServer server, TestDatabase database, params string[] extra) =>
        PaperwireProcess.Start(
            new Dictionary<string, string>
            {
                ["Ingest__Arxiv__MinimumInterval"] = "00:00:00",
                ["Ingest__Arxiv__RetryDelay"] = "00:00:00.05",
            },
            [
                "harvest", "oai", "--set", "cs", "--from", "2025-01-01", "--base-url", server.OaiUrl.ToString(),
                .. database.Settings.Provider == DatabaseProvider.Sqlite
                    ? new[] { "--data", database.DataDirectory }
                    : ["--database", database.Settings.ConnectionString],
                .. extra,
            ]);
}
