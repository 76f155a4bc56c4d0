using Microsoft.Extensions.DependencyInjection;
using Paperwire.Ingest.ArxivApi;
using Paperwire.Ingest.Pipeline;
using Paperwire.Storage;

namespace Paperwire.Tests.Ingest;

/// <summary>Harvesting through the arXiv Atom API from a fixture arXiv: zero, one and many entries, paging, errors.</summary>
public class ArxivApiHarvesterTests
{
    [Fact]
    public async Task ZeroEntries_StoreNothing_AfterOneRequest()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        server.On("/api/query", "start", "0", FixtureResponse.Atom("api/zero.xml"));
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        var summary = await services.HarvestApiAsync(new ArxivApiRequest("ti:quixotic_zebra_gradient", null));

        Assert.Equal(0, summary.Processed);
        Assert.Empty(await services.PaperIdsAsync());
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["search_query"] = "ti:quixotic_zebra_gradient",
                ["sortBy"] = "submittedDate",
                ["sortOrder"] = "descending",
                ["start"] = "0",
                ["max_results"] = "100",
            },
            server.Requests.Single().Query);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task OneEntry_ByIds_StoresEveryField(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = await FixtureServer.StartAsync();
        server.On("/api/query", "id_list", "2501.00001", FixtureResponse.Atom("api/one.xml"));
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        var summary = await services.HarvestApiAsync(new ArxivApiRequest(null, ["2501.00001"]));

        Assert.Equal(1, summary.Counts.Inserted);
        Assert.Equal("1", server.Requests.Single().Query["max_results"]);
        var paper = await services.PaperAsync("2501.00001");
        Assert.Equal("Tiny Retrievers: Sparse Late Interaction for On-Device Question Answering", paper.Title);
        Assert.StartsWith("We present Tiny Retrievers", paper.Summary);
        Assert.Equal(["Adaeze N. Okafor", "Per Lindqvist Jr", "Tiny Retrievers Collaboration"], paper.Authors.Select(a => a.Name));
        Assert.Equal(["cs.CL", "cs.LG"], paper.Categories); // primary first; the ACM classes "I.2.7; H.3.3" are not arXiv categories
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 9, 30, 0, TimeSpan.Zero), paper.PublishedAt);
        Assert.Equal(new DateTimeOffset(2025, 1, 6, 17, 45, 12, TimeSpan.Zero), paper.UpdatedAt);
        Assert.Empty(paper.Versions); // v2: the API names only the first and the latest
        Assert.Equal("10.48550/example.2501.00001", paper.Doi);
        Assert.Equal("Trans. Mach. Learn. Res. (2025)", paper.JournalRef);
        Assert.Equal("12 pages, 3 figures. Code: https://github.com/tiny-retrievers/tiny-retriever", paper.Comments);
        Assert.Equal("https://github.com/tiny-retrievers/tiny-retriever", paper.GithubRepo);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task ManyEntries_ArePagedWithStartAndMaxResults(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var server = await FixtureServer.StartAsync();
        server.On("/api/query", "start", "0", FixtureResponse.Atom("api/many-page1.xml"));
        server.On("/api/query", "start", "3", FixtureResponse.Atom("api/many-page2.xml"));
        await using var services = await server.CreateHarvestServicesAsync(database.Settings, ("ApiPageSize", "3"));
        var progress = new ProgressReports();

        var summary = await services.HarvestApiAsync(new ArxivApiRequest("cat:cs.CL", null, Max: 50), progress);

        Assert.Equal(5, summary.Counts.Inserted);
        Assert.Equal([("0", "3"), ("3", "2")], server.Requests.Select(r => (r.Query["start"], r.Query["max_results"])));
        Assert.Equal(["2412.01234", "2501.00001", "2501.00003", "2501.00005", "cmp-lg/9404001"], await services.PaperIdsAsync());
        Assert.Equal((5L, 5L), (progress.All[^1].Done, progress.All[^1].Total!.Value));

        var firstVersion = await services.PaperAsync("2501.00005");
        Assert.Equal([(1, new DateTimeOffset(2025, 1, 6, 12, 0, 3, TimeSpan.Zero))], firstVersion.Versions.Select(v => (v.Number, v.CreatedAt)));
        Assert.Null(firstVersion.UpdatedAt);

        var oldStyle = await services.PaperAsync("cmp-lg/9404001");
        Assert.Equal(["cmp-lg", "cs.CL"], oldStyle.Categories);
        Assert.Equal(new DateTimeOffset(1994, 4, 5, 13, 31, 53, TimeSpan.Zero), oldStyle.PublishedAt);

        Assert.True((await services.PaperAsync("2412.01234")).Withdrawn); // "This paper has been withdrawn" in the comment
        Assert.Equal(["stat.ML", "cs.CL", "cs.LG"], (await services.PaperAsync("2501.00003")).Categories); // MSC 62G15 left out
    }

    [Fact]
    public async Task Max_StopsPagingAtTheLimit()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        server.On("/api/query", "start", "0", FixtureResponse.Atom("api/many-page1.xml"));
        server.On("/api/query", "start", "3", FixtureResponse.Atom("api/many-page2.xml"));
        await using var services = await server.CreateHarvestServicesAsync(database.Settings, ("ApiPageSize", "3"));

        var summary = await services.HarvestApiAsync(new ArxivApiRequest("cat:cs.CL", null, Max: 4));

        Assert.Equal([("0", "3"), ("3", "1")], server.Requests.Select(r => (r.Query["start"], r.Query["max_results"])));
        // The fixture answers the last request with two entries; only the one asked for is taken.
        Assert.Equal(4, summary.Counts.Inserted);
    }

    [Fact]
    public async Task ErrorEntry_FailsWithArxivsExplanation()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        server.On("/api/query", "id_list", "2501.00001", FixtureResponse.Atom("api/error.xml") with { Status = 400 });
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        var failure = await Assert.ThrowsAsync<InvalidInputException>(() => services.HarvestApiAsync(new ArxivApiRequest(null, ["2501.00001"])));

        Assert.Equal("The arXiv API refused the request: incorrect id format for 2501.1", failure.Message);
        Assert.Single(server.Requests); // a 400 is not retried
    }

    [Fact]
    public async Task FetchById_ReturnsThePaperWithoutStoringIt()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        server.On("/api/query", "id_list", "2501.00001", FixtureResponse.Atom("api/one.xml"));
        server.On("/api/query", "id_list", "2501.99999", FixtureResponse.Atom("api/zero.xml"));
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);
        await using var scope = services.CreateAsyncScope();
        var api = scope.ServiceProvider.GetRequiredService<ArxivApiHarvester>();
        var cancel = TestContext.Current.CancellationToken;

        var paper = await api.FetchByIdAsync("https://arxiv.org/abs/2501.00001v2", cancel);
        var missing = await api.FetchByIdAsync("2501.99999", cancel);

        Assert.Equal("2501.00001", paper?.Id);
        Assert.Equal(["cs.CL", "cs.LG"], paper!.Categories);
        Assert.Null(missing);
        Assert.Empty(await services.PaperIdsAsync());
        await Assert.ThrowsAsync<InvalidInputException>(() => api.FetchByIdAsync("https://evil.example/abs/2501.00001", cancel));
        await Assert.ThrowsAsync<InvalidInputException>(() => api.FetchByIdAsync("not an id", cancel));
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData("2501.00001v2", "2501.00001")]
    [InlineData("arXiv:2501.00001", "2501.00001")]
    [InlineData("https://arxiv.org/pdf/2501.00001v3.pdf", "2501.00001")]
    [InlineData("http://export.arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001")]
    public void IdInput_AcceptsIdsAndArxivAddresses(string input, string id) => Assert.Equal(id, ArxivIdInput.Parse(input));

    [Theory]
    [InlineData(null, null, "Give --query QUERY (an arXiv search) or --ids ID,ID.")]
    [InlineData("cat:cs.CL", "2501.00001", "Give either --query or --ids")]
    [InlineData(null, "2501.00001,pw-0123456789ab", "--ids: 'pw-0123456789ab' is not an arXiv id")]
    [InlineData(null, "2501.00001,bogus", "--ids: 'bogus' is not an arXiv id")]
    public void Validate_RefusesNonsense(string? query, string? ids, string message)
    {
        var request = new ArxivApiRequest(query, ids?.Split(','));

        Assert.StartsWith(message, Assert.Throws<InvalidInputException>(request.Validate).Message);
    }
}
