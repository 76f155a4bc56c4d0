using Microsoft.Extensions.DependencyInjection;
using Paperwire.Core.Papers;
using Paperwire.Storage;
using Paperwire.Tests.Cli;

namespace Paperwire.Tests.Ingest;

/// <summary><c>paperwire harvest api</c> on the command line: a real run against the fixture arXiv, and bad arguments.</summary>
public class ArxivApiCommandTests
{
    [Fact]
    public async Task HarvestByIds_StoresThePaper_AndPrintsTheSummary()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        server.On("/api/query", "id_list", "2501.00001", FixtureResponse.Atom("api/one.xml"));

        var (exitCode, output) = await PaperwireProcess.RunAsync(
            "harvest", "api", "--ids", "2501.00001", "--base-url", server.ApiUrl.ToString(), "--data", database.DataDirectory);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"inserted\s+1", output);
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);
        Assert.Equal("Tiny Retrievers: Sparse Late Interaction for On-Device Question Answering", (await services.PaperAsync("2501.00001")).Title);
    }

    [Fact]
    public async Task HarvestTitles_LinksALocalPaperToItsArxivTwin_AndPrintsTheSummary()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        server.On("/api/query", "search_query", "ti:\"tiny retrievers sparse late interaction for on device question answering\"", FixtureResponse.Atom("api/one.xml"));
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);
        const string title = "Tiny Retrievers: Sparse Late Interaction for On-Device Question Answering";
        var localId = PaperId.LocalFromTitle(title);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CatalogWriter>().UpsertAsync([new Paper { Id = localId, Title = title, Summary = "", AuthorCount = 3 }], mirrorsFeed: true, TestContext.Current.CancellationToken);
        }

        using var run = PaperwireProcess.Start(
            new Dictionary<string, string> { ["Ingest__Arxiv__ApiBaseUrl"] = server.ApiUrl.ToString(), ["Ingest__Arxiv__MinimumInterval"] = "00:00:00" },
            "harvest", "titles", "--data", database.DataDirectory);

        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("harvest titles: 1 asked, 1 linked to arXiv", run.Output, StringComparison.Ordinal);
        Assert.Equal(["2501.00001"], await services.PaperIdsAsync());
    }

    [Theory]
    [InlineData("harvest api --query cat:cs.CL --ids 2501.00001", "Give either --query or --ids, not both.")]
    [InlineData("harvest api", "Give --query QUERY (an arXiv search) or --ids ID,ID.")]
    [InlineData("harvest api --ids 2501.00001,nonsense", "--ids: 'nonsense' is not an arXiv id")]
    [InlineData("harvest api --query cat:cs.CL --max 0", "--max must be between 1 and")]
    [InlineData("harvest api --query cat:cs.CL --max many", "many")]
    public async Task BadArguments_ExitNonZero_WithAClearMessage(string args, string mentions)
    {
        var (exitCode, output) = await PaperwireProcess.RunAsync(args.Split(' '));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(mentions, output);
        Assert.DoesNotContain("   at ", output);
    }
}
