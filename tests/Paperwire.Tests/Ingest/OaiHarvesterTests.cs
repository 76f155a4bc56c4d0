using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Ingest.Oai;
using Paperwire.Ingest.Pipeline;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;

namespace Paperwire.Tests.Ingest;

/// <summary>Harvesting OAI-PMH from a fixture arXiv: paging, both metadata formats, deleted records, errors, checkpoints.</summary>
public class OaiHarvesterTests
{
    public static readonly OaiHarvestRequest CsSince2025 = new("cs", new DateOnly(2025, 1, 1));

    /// <summary>The papers the three pages of set cs leave in the catalog.</summary>
    public static readonly string[] CsPapers = ["2501.00001", "2501.00002", "2501.00003", "2501.00005", "cs/0112017"];

    private const string Page2 = "7103345|1001";
    private const string Page3 = "7103345|2001";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Harvest_FollowsResumptionTokens_StoresEveryPage_AndCompletesItsCheckpoint(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = (await FixtureServer.StartAsync()).OnOaiCsPages();
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);
        var progress = new ProgressReports();

        var summary = await services.HarvestOaiAsync(CsSince2025, progress);

        // 5 new papers; the duplicate of 2501.00001 changes nothing; the deleted 2501.00002 is withdrawn.
        Assert.Equal(new UpsertCounts(Inserted: 5, Updated: 1, Unchanged: 1), summary.Counts);
        Assert.Equal(3, summary.RejectedCount);
        Assert.Contains(summary.Rejected, r => r.Where == "oai:arXiv.org:2501.000x4" && r.Reason == "invalid arXiv id '2501.000x4'");
        Assert.Contains(summary.Rejected, r => r.Where == "2501.00004" && r.Reason == "unknown category 'cs.XY'");
        Assert.Contains(summary.Rejected, r => r.Where == "oai:arXiv.org:2412.99999" && r.Reason == "deleted record");
        Assert.Equal(CsPapers, await services.PaperIdsAsync());

        var checkpoint = await services.CheckpointAsync("oai|arXiv|cs|2025-01-01|");
        Assert.NotNull(checkpoint);
        Assert.True(checkpoint.Completed);
        Assert.Null(checkpoint.ResumptionToken);
        Assert.Equal(3, checkpoint.PagesDone);
        Assert.Equal(10, checkpoint.RecordsDone);

        var last = progress.All[^1];
        Assert.Equal((10L, 10L, "records"), (last.Done, last.Total!.Value, last.Unit));

        var requests = server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.Equal(
            new Dictionary<string, string?> { ["verb"] = "ListRecords", ["metadataPrefix"] = "arXiv", ["set"] = "cs", ["from"] = "2025-01-01" },
            requests[0].Query);
        Assert.Equal(new Dictionary<string, string?> { ["verb"] = "ListRecords", ["resumptionToken"] = Page2 }, requests[1].Query);
        Assert.Equal(Page3, requests[2].Query["resumptionToken"]);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ArxivFormat_StoresEveryField_AndWithdrawsADeletedRecord(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = (await FixtureServer.StartAsync()).OnOaiCsPages();
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        await services.HarvestOaiAsync(CsSince2025);

        var tiny = await services.PaperAsync("2501.00001");
        Assert.Equal("Tiny Retrievers: Sparse Late Interaction for On-Device Question Answering", tiny.Title);
        Assert.StartsWith("We present Tiny Retrievers, a family of late-interaction retrievers small enough to run on a phone.", tiny.Summary);
        Assert.Equal(["Adaeze N. Okafor", "Per Lindqvist Jr", "Tiny Retrievers Collaboration"], tiny.Authors.Select(a => a.Name));
        Assert.Equal(3, tiny.AuthorCount);
        Assert.Equal(["cs.CL", "cs.LG"], tiny.Categories);
        Assert.Equal(Day(2025, 1, 1), tiny.PublishedAt);
        Assert.Equal(Day(2025, 1, 6), tiny.UpdatedAt);
        Assert.Empty(tiny.Versions); // the arXiv format does not list versions
        Assert.Equal("http://creativecommons.org/licenses/by/4.0/", tiny.License);
        Assert.Equal("10.48550/example.2501.00001", tiny.Doi);
        Assert.Equal("Trans. Mach. Learn. Res. (2025)", tiny.JournalRef);
        Assert.Equal("12 pages, 3 figures. Code: https://github.com/tiny-retrievers/tiny-retriever", tiny.Comments);
        Assert.Equal("https://github.com/tiny-retrievers/tiny-retriever", tiny.GithubRepo);
        Assert.False(tiny.Withdrawn);

        var oldStyle = await services.PaperAsync("cs/0112017");
        Assert.Equal(Day(2001, 12, 14), oldStyle.PublishedAt);
        Assert.Equal(Day(2025, 1, 2), oldStyle.UpdatedAt);
        Assert.Equal(["cs.AI", "cs.LO"], oldStyle.Categories);
        Assert.Equal(["Robert A. Kowalski"], oldStyle.Authors.Select(a => a.Name));

        Assert.Equal("https://conformal-shift.example.org/", (await services.PaperAsync("2501.00003")).ProjectPage);
        Assert.Equal(["Siobhán O'Neil"], (await services.PaperAsync("2501.00003")).Authors.Skip(1).Select(a => a.Name));

        var deleted = await services.PaperAsync("2501.00002");
        Assert.True(deleted.Withdrawn);
        Assert.Equal("Depth Anything in the Dark: Low-Light Monocular Depth Estimation", deleted.Title); // the rest is kept
        Assert.Equal(3, deleted.Authors.Count);
        Assert.Equal(Day(2025, 1, 1), deleted.PublishedAt);
    }

    [Fact]
    public async Task ArxivRawFormat_StoresEveryVersionWithItsTime()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        server.On("/oai", "metadataPrefix", "arXivRaw", FixtureResponse.Xml("oai/arxivraw-page.xml"));
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        var summary = await services.HarvestOaiAsync(new OaiHarvestRequest(null, new DateOnly(2007, 4, 1), new DateOnly(2009, 1, 31), OaiMetadataFormat.ArxivRaw));

        Assert.Equal(2, summary.Counts.Inserted);
        Assert.Equal(
            new Dictionary<string, string?> { ["verb"] = "ListRecords", ["metadataPrefix"] = "arXivRaw", ["from"] = "2007-04-01", ["until"] = "2009-01-31" },
            server.Requests.Single().Query);

        var diphoton = await services.PaperAsync("0704.0001");
        Assert.Equal("Calculation of prompt diphoton production cross sections at Tevatron and LHC energies", diphoton.Title);
        Assert.Equal(["C. Bal\\'azs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"], diphoton.Authors.Select(a => a.Name));
        Assert.Equal(
            [(1, new DateTimeOffset(2007, 4, 2, 19, 18, 42, TimeSpan.Zero)), (2, new DateTimeOffset(2007, 7, 24, 20, 10, 27, TimeSpan.Zero))],
            diphoton.Versions.Select(v => (v.Number, v.CreatedAt)));
        Assert.Equal(new DateTimeOffset(2007, 4, 2, 19, 18, 42, TimeSpan.Zero), diphoton.PublishedAt);
        Assert.Equal(new DateTimeOffset(2007, 7, 24, 20, 10, 27, TimeSpan.Zero), diphoton.UpdatedAt);
        Assert.Equal("10.1103/PhysRevD.76.013009", diphoton.Doi);
        Assert.Equal("Phys.Rev.D76:013009,2007", diphoton.JournalRef);
        Assert.Equal(["hep-ph"], diphoton.Categories);

        var sparsity = await services.PaperAsync("0704.0002");
        Assert.Equal(["Ileana Streinu", "Louis Theran"], sparsity.Authors.Select(a => a.Name));
        Assert.Equal([1, 2, 3], sparsity.Versions.Select(v => v.Number));
        Assert.Equal(new DateTimeOffset(2009, 1, 2, 9, 0, 1, TimeSpan.Zero), sparsity.UpdatedAt);
        Assert.Equal(["math.CO", "cs.CG"], sparsity.Categories);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task InterruptedHarvest_RunAgain_ResumesAfterTheLastStoredPage(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = await FixtureServer.StartAsync();
        // Page 3 fails all three tries of the first run, then is served whole.
        server.On("/oai", "resumptionToken", Page3, FixtureResponse.Html(), FixtureResponse.Html(), FixtureResponse.Html(), FixtureResponse.Xml("oai/arxiv-cs-page3.xml"));
        server.OnOaiCsPages();
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        var failure = await Assert.ThrowsAsync<InvalidInputException>(() => services.HarvestOaiAsync(CsSince2025));
        Assert.Contains("text/html, not XML; gave up after 3 tries", failure.Message);
        Assert.Contains("run the same command again to resume", failure.Message);
        var interrupted = await services.CheckpointAsync(CsSince2025.CheckpointKey);
        Assert.Equal((Page3, 2, 7, false), (interrupted!.ResumptionToken, interrupted.PagesDone, interrupted.RecordsDone, interrupted.Completed));

        var resumed = await services.HarvestOaiAsync(CsSince2025);

        Assert.Equal(new UpsertCounts(Inserted: 1, Updated: 1, Unchanged: 0), resumed.Counts); // page 3 only
        Assert.Single(server.RequestsFor("/oai", "resumptionToken", null));
        Assert.Single(server.RequestsFor("/oai", "resumptionToken", Page2));
        Assert.Equal(CsPapers, await services.PaperIdsAsync());
        Assert.True((await services.PaperAsync("2501.00002")).Withdrawn);
        var completed = await services.CheckpointAsync(CsSince2025.CheckpointKey);
        Assert.Equal((null, 3, 10, true), (completed!.ResumptionToken, completed.PagesDone, completed.RecordsDone, completed.Completed));
    }

    [Fact]
    public async Task CompletedHarvest_RunAgain_StartsFromTheFirstPage_AndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = (await FixtureServer.StartAsync()).OnOaiCsPages();
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);
        await services.HarvestOaiAsync(CsSince2025);
        var sequence = await services.QueryAsync(db => db.Papers.MaxAsync(p => p.ChangeSequence));

        var again = await services.HarvestOaiAsync(CsSince2025);

        Assert.Equal(new UpsertCounts(Inserted: 0, Updated: 0, Unchanged: 7), again.Counts);
        Assert.Equal(2, server.RequestsFor("/oai", "resumptionToken", null).Count);
        Assert.Equal(sequence, await services.QueryAsync(db => db.Papers.MaxAsync(p => p.ChangeSequence)));
        Assert.Equal(3, (await services.CheckpointAsync(CsSince2025.CheckpointKey))!.PagesDone);
    }

    [Fact]
    public async Task ExpiredResumptionToken_StartsAgainFromTheFirstPage()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        server.On("/oai", "resumptionToken", "stale|1001", FixtureResponse.Xml("oai/error-bad-resumption-token.xml")).OnOaiCsPages();
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);
        await using (var scope = services.CreateAsyncScope())
        {
            var stale = new HarvestCheckpoint { Key = CsSince2025.CheckpointKey, ResumptionToken = "stale|1001", PagesDone = 1, RecordsDone = 3 };
            await scope.ServiceProvider.GetRequiredService<HarvestCheckpoints>().SaveAsync(stale, TestContext.Current.CancellationToken);
        }

        var summary = await services.HarvestOaiAsync(CsSince2025);

        Assert.Equal(5, summary.Counts.Inserted);
        Assert.Equal(["stale|1001", null, Page2, Page3], server.Requests.Select(r => r.Query.GetValueOrDefault("resumptionToken")));
        var checkpoint = await services.CheckpointAsync(CsSince2025.CheckpointKey);
        Assert.Equal((3, 10, true), (checkpoint!.PagesDone, checkpoint.RecordsDone, checkpoint.Completed));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task TruncatedPage_IsFetchedAgain_ThenFailsClearly_KeepingThePagesStoredBeforeIt(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = await FixtureServer.StartAsync();
        server.On("/oai", "resumptionToken", Page2, FixtureResponse.Truncated("oai/arxiv-cs-page2.xml")).OnOaiCsPages();
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        var failure = await Assert.ThrowsAsync<InvalidInputException>(() => services.HarvestOaiAsync(CsSince2025));

        Assert.Contains("the XML is truncated or malformed", failure.Message);
        Assert.Contains("gave up after 3 tries", failure.Message);
        Assert.Equal(3, server.RequestsFor("/oai", "resumptionToken", Page2).Count);
        Assert.Equal(["2501.00001", "2501.00002", "cs/0112017"], await services.PaperIdsAsync());
        var checkpoint = await services.CheckpointAsync(CsSince2025.CheckpointKey);
        Assert.Equal((Page2, 1, false), (checkpoint!.ResumptionToken, checkpoint.PagesDone, checkpoint.Completed));
    }

    [Fact]
    public async Task TruncatedPage_ThatArrivesWholeOnTheNextTry_IsHarvested()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        server.On("/oai", "resumptionToken", Page2, FixtureResponse.Truncated("oai/arxiv-cs-page2.xml", 0.3), FixtureResponse.Xml("oai/arxiv-cs-page2.xml"));
        server.OnOaiCsPages();
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        var summary = await services.HarvestOaiAsync(CsSince2025);

        Assert.Equal(5, summary.Counts.Inserted);
        Assert.Equal(2, server.RequestsFor("/oai", "resumptionToken", Page2).Count);
    }

    [Fact]
    public async Task WrongContentType_OnTheFirstPage_FailsAfterRetries_StoringNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        server.On("/oai", "resumptionToken", null, FixtureResponse.Html());
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        var failure = await Assert.ThrowsAsync<InvalidInputException>(() => services.HarvestOaiAsync(CsSince2025));

        Assert.Contains("the answer is text/html, not XML; gave up after 3 tries", failure.Message);
        Assert.DoesNotContain("resume", failure.Message);
        Assert.Equal(3, server.Requests.Count);
        Assert.Empty(await services.PaperIdsAsync());
        Assert.Null(await services.CheckpointAsync(CsSince2025.CheckpointKey));
    }

    [Fact]
    public async Task BadArgument_FailsWithTheRepositorysMessage()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        server.On("/oai", "resumptionToken", null, FixtureResponse.Xml("oai/error-bad-argument.xml"));
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        var failure = await Assert.ThrowsAsync<InvalidInputException>(() => services.HarvestOaiAsync(CsSince2025 with { Set = "nosuchset" }));

        Assert.Equal("arXiv OAI-PMH refused the request (badArgument): Invalid set: nosuchset", failure.Message);
        Assert.Single(server.Requests); // a refusal is not retried
    }

    [Fact]
    public async Task NoRecordsMatch_IsAnEmptyHarvest()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        server.On("/oai", "resumptionToken", null, FixtureResponse.Xml("oai/error-no-records-match.xml"));
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);
        var request = CsSince2025 with { From = new DateOnly(2030, 1, 1) };

        var summary = await services.HarvestOaiAsync(request);

        Assert.Equal(0, summary.Processed);
        Assert.True((await services.CheckpointAsync(request.CheckpointKey))!.Completed);
    }

    [Theory]
    [InlineData("--until 2024-12-31 is before --from 2025-01-01", "cs", "2024-12-31")]
    [InlineData("--set: 'c s' is not an OAI set", "c s", null)]
    public void Validate_RefusesNonsense(string message, string set, string? until)
    {
        var request = CsSince2025 with { Set = set, Until = until is null ? null : DateOnly.Parse(until, System.Globalization.CultureInfo.InvariantCulture) };

        var error = Assert.Throws<InvalidInputException>(request.Validate);

        Assert.StartsWith(message, error.Message);
    }

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);
}
