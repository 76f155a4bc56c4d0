using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Digests;
using Paperwire.Ingest.Scheduling;
using Paperwire.Operations;
using Paperwire.Tests.Digests;

namespace Paperwire.Tests.Operations;

/// <summary>
/// A real scrape over HTTP shows Paperwire's counters moving as the work happens, and the Grafana dashboard in the
/// repository asks only for series that a scrape has. Other tests' apps in this process report into meters of the
/// same name, so the counters are checked to have grown by at least what this test did.
/// </summary>
[Collection(MetricsRunAlone.Name)]
public partial class MetricsScrapeTests
{
    [Fact]
    public async Task A_scrape_shows_the_counters_moving_after_a_harvest_a_search_and_a_digest_run_and_the_dashboard_asks_for_nothing_else()
    {
        var sink = SmtpSink.Require();
        await using var oai = (await FixtureServer.StartAsync()).OnOaiCsPages();
        var settings = MetricsEndpointTests.WithToken();
        settings["Ingest:Arxiv:OaiBaseUrl"] = oai.OaiUrl.ToString();
        settings["Ingest:Arxiv:MinimumInterval"] = "00:00:00";
        settings["Ingest:Arxiv:Contact"] = "metrics-tests@example.org";
        await using var app = await DigestKit.StartAsync(Paperwire.Storage.DatabaseProvider.Sqlite, sink, settings, embeddings: true);
        var before = await MetricsEndpointTests.ScrapeAsync(app.Client);

        // The daily harvest, as the schedule runs it: three OAI pages, five papers.
        Assert.True(await app.Services.GetRequiredService<ScheduledHarvest>().RunOnceAsync(TestContext.Current.CancellationToken));
        await app.UntilIndexedAsync();
        using (var search = await app.Client.GetAsync("/search?q=language+models", TestContext.Current.CancellationToken))
        {
            search.EnsureSuccessStatusCode();
        }

        // The morning digest, as the schedule runs it, to one subscriber.
        await app.AddPeriodPapersAsync(3);
        await app.AddActiveSubscriberAsync(SmtpSink.NewAddress());
        Assert.True(await app.Services.GetRequiredService<ScheduledDigests>().RunOnceAsync(
            new DateTimeOffset(DigestKit.Period.AddDays(1).ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero), TestContext.Current.CancellationToken));

        // The gauges' readings are kept a few seconds, on the app's clock, which stands still in tests.
        app.Clock.Advance(OperationalReadingsSource.CacheFor);
        var after = await MetricsEndpointTests.ScrapeAsync(app.Client);
        Assert.True(Grew(before, after, "paperwire_papers_ingested_total", ("result", "inserted")) >= 5, after.Text);
        Assert.True(Grew(before, after, "paperwire_jobs_runs_total", ("job", "harvest"), ("outcome", "succeeded")) >= 1, after.Text);
        Assert.True(Grew(before, after, "paperwire_jobs_runs_total", ("job", "digests"), ("outcome", "succeeded")) >= 1, after.Text);
        Assert.True(Grew(before, after, "paperwire_digests_deliveries_total", ("outcome", "sent")) >= 1, after.Text);
        // Not a count: which texts go through the model depends on how the worker's claims interleave with the harvest's
        // pages (a paper the second page updates may be claimed before or after), and whether the digest's papers were
        // embedded before this scrape is a matter of timing. One full CI run saw 4 for the harvest's 5 papers.
        Assert.True(Grew(before, after, "paperwire_embeddings_computed_total") >= 1, after.Text);
        Assert.True(Grew(before, after, "paperwire_search_duration_seconds_count", ("mode", "hybrid")) >= 1, after.Text);
        Assert.True(Grew(before, after, "http_server_request_duration_seconds_count", ("http_route", "search")) >= 1, after.Text);
        Assert.True(after.Has("paperwire_jobs_last_success_seconds", ("job", "harvest")));
        // The harvest keeps its lease after the run, so that no node harvests the same day twice.
        Assert.True(after.Has("paperwire_leases_held", ("job", "harvest")));

        CheckDashboard(after);
    }

    /// <summary>Every series the dashboard queries is exported, and every Paperwire family exported has a panel.</summary>
    private static void CheckDashboard(PrometheusText scrape)
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "grafana", "paperwire.json")));
        var expressions = Expressions(dashboard.RootElement).ToList();
        Assert.NotEmpty(expressions);
        var queried = expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);

        Assert.All(queried, name => Assert.True(scrape.SampleNames.Contains(name), $"The dashboard queries {name}, which /metrics does not export."));
        Assert.All(scrape.Families.Where(f => f.StartsWith("paperwire_", StringComparison.Ordinal)), family =>
            Assert.True(queried.Any(q => q.StartsWith(family, StringComparison.Ordinal)), $"/metrics exports {family}, which no dashboard panel shows."));
    }

    private static IEnumerable<string> Expressions(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "expr" && property.Value.ValueKind == JsonValueKind.String)
                {
                    yield return property.Value.GetString()!;
                }

                foreach (var inner in Expressions(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var inner in element.EnumerateArray().SelectMany(Expressions))
            {
                yield return inner;
            }
        }
    }

    private static double Grew(PrometheusText before, PrometheusText after, string name, params (string Label, string Value)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Paperwire.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Paperwire.slnx not found above the test's folder.");
    }

    /// <summary>Metric names in PromQL: the exporters' prefixes, so functions, labels and keywords are left out.</summary>
    [GeneratedRegex(@"\b(?:paperwire|http_server|kestrel|dotnet|aspnetcore)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
