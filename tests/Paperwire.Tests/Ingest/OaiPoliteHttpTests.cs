using System.Net;
using Paperwire.Ingest.Http;
using Paperwire.Ingest.Pipeline;
using Paperwire.Storage;

namespace Paperwire.Tests.Ingest;

/// <summary>How the harvester treats arXiv: User-Agent, rate limit, retries, Retry-After, and staying on one host.</summary>
public class OaiPoliteHttpTests
{
    private static readonly Paperwire.Ingest.Oai.OaiHarvestRequest CsSince2025 = OaiHarvesterTests.CsSince2025;

    [Fact]
    public async Task EveryRequest_NamesPaperwireAndTheOperatorsContact()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = (await FixtureServer.StartAsync()).OnOaiCsPages();
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        await services.HarvestOaiAsync(CsSince2025);

        Assert.All(server.Requests, r => Assert.Equal("Paperwire/1.0 (+https://github.com/paperwire; mailto:harvest-tests@example.org)", r.UserAgent));
    }

    [Fact]
    public async Task ServiceUnavailable_WithRetryAfter_IsRetriedAfterTheRequestedDelay()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        server.On("/oai", "resumptionToken", null, FixtureResponse.Unavailable(TimeSpan.FromSeconds(2)), FixtureResponse.Xml("oai/arxiv-cs-page1.xml"));
        server.OnOaiCsPages();
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        var summary = await services.HarvestOaiAsync(CsSince2025);

        Assert.Equal(5, summary.Counts.Inserted);
        var firstPage = server.RequestsFor("/oai", "resumptionToken", null);
        Assert.Equal(2, firstPage.Count);
        // The backoff alone would wait about 50 ms; Retry-After asked for 2 s.
        var waited = firstPage[1].Since(firstPage[0]);
        Assert.InRange(waited, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ServerErrorsAndTimeouts_AreRetriedWithBackoff()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        var page1 = FixtureResponse.Xml("oai/arxiv-cs-page1.xml");
        server.On("/oai", "resumptionToken", null, FixtureResponse.Text(502, "text/html", "Bad Gateway"), page1.Slowly(TimeSpan.FromSeconds(30)), page1);
        server.OnOaiCsPages();
        // 3 s, not less: the timeout also applies to the good answers, which a busy CI machine can delay.
        await using var services = await server.CreateHarvestServicesAsync(database.Settings, ("Timeout", "00:00:03"));

        var summary = await services.HarvestOaiAsync(CsSince2025);

        Assert.Equal(5, summary.Counts.Inserted);
        Assert.Equal(3, server.RequestsFor("/oai", "resumptionToken", null).Count);
    }

    [Fact]
    public async Task PersistentServerErrors_FailWithTheStatus_AfterTheConfiguredRetries()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        server.On("/oai", "resumptionToken", null, FixtureResponse.Text(500, "text/plain", "oops"));
        await using var services = await server.CreateHarvestServicesAsync(database.Settings, ("MaxRetries", "2"));

        var failure = await Assert.ThrowsAsync<InvalidInputException>(() => services.HarvestOaiAsync(CsSince2025));

        Assert.Contains("answered 500 Internal Server Error", failure.Message);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task RequestsToOneHost_AreSpacedByTheMinimumInterval()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = (await FixtureServer.StartAsync()).OnOaiCsPages();
        await using var services = await server.CreateHarvestServicesAsync(database.Settings, ("MinimumInterval", "00:00:00.4"));

        await services.HarvestOaiAsync(CsSince2025);

        var requests = server.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests.Zip(requests.Skip(1)), pair => Assert.True(pair.Second.Since(pair.First) >= TimeSpan.FromSeconds(0.39), $"only {pair.Second.Since(pair.First).TotalMilliseconds} ms apart"));
    }

    [Fact]
    public async Task RedirectToAnotherHost_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        // Same server, other host name: a redirect off the configured host must not be followed.
        server.On("/oai", "resumptionToken", null, FixtureResponse.Redirect($"http://localhost:{server.BaseAddress.Port}/oai?verb=ListRecords&metadataPrefix=arXiv&elsewhere=1"));
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        var failure = await Assert.ThrowsAsync<InvalidInputException>(() => services.HarvestOaiAsync(CsSince2025));

        Assert.Contains($"redirected to http://localhost:{server.BaseAddress.Port}, which is not the arXiv host 127.0.0.1", failure.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task RedirectOnTheSameHost_IsFollowed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        server.On("/oai", "resumptionToken", null, FixtureResponse.Redirect("/oai?verb=ListRecords&resumptionToken=moved"));
        server.On("/oai", "resumptionToken", "moved", FixtureResponse.Xml("oai/arxiv-cs-page1.xml")).OnOaiCsPages();
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        var summary = await services.HarvestOaiAsync(CsSince2025);

        Assert.Equal(5, summary.Counts.Inserted);
    }

    [Theory]
    [InlineData("ftp://oaipmh.arxiv.org/oai")]
    [InlineData("oaipmh.arxiv.org/oai")]
    [InlineData("https://oaipmh.arxiv.org/oai?verb=Identify")]
    public async Task BaseUrl_ThatIsNotAnHttpEndpoint_IsRefused(string baseUrl)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await FixtureServer.StartAsync();
        await using var services = await server.CreateHarvestServicesAsync(database.Settings);

        var failure = await Assert.ThrowsAsync<InvalidInputException>(() => services.HarvestOaiAsync(CsSince2025 with { BaseUrl = baseUrl }));

        Assert.StartsWith("--base-url: ", failure.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void RetryAfter_AsADate_WaitsUntilThen_Capped()
    {
        var now = new DateTimeOffset(2025, 1, 8, 12, 0, 0, TimeSpan.Zero);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now);
        using var soon = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        soon.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(20));
        using var late = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        late.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromHours(3));
        using var plain = new HttpResponseMessage(HttpStatusCode.InternalServerError);

        Assert.Equal(TimeSpan.FromSeconds(20), RetryAfterDelay.From(soon, time, TimeSpan.FromMinutes(5)));
        Assert.Equal(TimeSpan.FromMinutes(5), RetryAfterDelay.From(late, time, TimeSpan.FromMinutes(5)));
        Assert.Null(RetryAfterDelay.From(plain, time, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(null, "Paperwire/1.0 (+https://github.com/paperwire)")]
    [InlineData("ops@example.org", "Paperwire/1.0 (+https://github.com/paperwire; mailto:ops@example.org)")]
    [InlineData("ops@example.org)\r\nX-Evil: 1", "Paperwire/1.0 (+https://github.com/paperwire)")]
    public void UserAgent_NamesTheContact_WhenItIsSafe(string? contact, string expected) =>
        Assert.Equal(expected, ArxivUserAgent.Create(contact));
}
