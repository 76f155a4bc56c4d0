using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paperwire.Core.Papers;
using Paperwire.Ingest;
using Paperwire.Ingest.ArxivApi;
using Paperwire.Ingest.Http;
using Paperwire.Ingest.Oai;
using Paperwire.Ingest.Pipeline;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;

namespace Paperwire.Testing;

/// <summary>
/// A stand-in for arXiv on a loopback port (Kestrel): answers with recorded-format pages from
/// <c>Fixtures/</c> and scripted misbehaviour (503 with Retry-After, truncated pages, HTML, slow pages),
/// and records every request it got.
/// </summary>
public sealed class FixtureServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly List<Route> routes = [];
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    private FixtureServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The OAI-PMH endpoint: <c>{base}/oai</c>.</summary>
    public Uri OaiUrl => new(BaseAddress, "oai");

    /// <summary>The Atom API endpoint: <c>{base}/api/query</c>.</summary>
    public Uri ApiUrl => new(BaseAddress, "api/query");

    /// <summary>Every request so far, in order of arrival.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public static async Task<FixtureServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FixtureServer(app);
        app.Run(server.AnswerAsync);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return server;
    }

    /// <summary>
    /// Answers requests for <paramref name="path"/> whose query parameter <paramref name="key"/> equals
    /// <paramref name="value"/> (null: the parameter is absent) with <paramref name="responses"/> in turn; the last repeats.
    /// </summary>
    public FixtureServer On(string path, string key, string? value, params FixtureResponse[] responses) =>
        On(request => request.Path == path && (value is null ? !request.Query.ContainsKey(key) : request.Query[key] == value), responses);

    /// <summary>Answers matching requests with <paramref name="responses"/> in turn; the first route registered that matches wins.</summary>
    public FixtureServer On(Func<HttpRequest, bool> matches, params FixtureResponse[] responses)
    {
        ArgumentOutOfRangeException.ThrowIfZero(responses.Length);
        lock (routes)
        {
            routes.Add(new Route(matches, responses));
        }

        return this;
    }

    /// <summary>Serves the three-page OAI-PMH list of set <c>cs</c> (arXiv format), each page through <paramref name="shape"/>.</summary>
    public FixtureServer OnOaiCsPages(Func<FixtureResponse, FixtureResponse>? shape = null)
    {
        shape ??= page => page;
        On("/oai", "resumptionToken", "7103345|1001", shape(FixtureResponse.Xml("oai/arxiv-cs-page2.xml")));
        On("/oai", "resumptionToken", "7103345|2001", shape(FixtureResponse.Xml("oai/arxiv-cs-page3.xml")));
        return On("/oai", "resumptionToken", null, shape(FixtureResponse.Xml("oai/arxiv-cs-page1.xml")));
    }

    /// <summary>Requests for <paramref name="path"/> with query parameter <paramref name="key"/> = <paramref name="value"/> (null: absent).</summary>
    public IReadOnlyList<RecordedRequest> RequestsFor(string path, string key, string? value) =>
        [.. Requests.Where(r => r.Path == path && r.Query.GetValueOrDefault(key) == value)];

    /// <summary>
    /// Paperwire's harvesting services on <paramref name="database"/> (migrated), pointed at this server and configured
    /// as the tests run them (no pause between requests, short retry delays); <paramref name="settings"/> override
    /// <c>Ingest:Arxiv:*</c> values, e.g. <c>("MinimumInterval", "00:00:00.3")</c>.
    /// </summary>
    public async Task<ServiceProvider> CreateHarvestServicesAsync(DatabaseSettings database, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["OaiBaseUrl"] = OaiUrl.ToString(),
            ["ApiBaseUrl"] = ApiUrl.ToString(),
            ["MinimumInterval"] = "00:00:00",
            ["RetryDelay"] = "00:00:00.05",
            ["Timeout"] = "00:00:10",
            ["Contact"] = "harvest-tests@example.org",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create($"{ArxivOptions.Section}:{v.Key}", v.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPaperwireStorage(database);
        services.AddPaperwireIngest();
        services.AddArxivHarvesting(configuration);
        var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return provider;
    }

    /// <summary>The text of a fixture file, e.g. <c>oai/arxiv-cs-page1.xml</c>.</summary>
    public static byte[] ReadFixture(string name) => File.ReadAllBytes(Path.Combine(FixturesFolder(), name));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        requests.Enqueue(new RecordedRequest(
            Stopwatch.GetTimestamp(),
            request.Path,
            request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString()),
            request.Headers.UserAgent.ToString())
        {
            Headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        });

        FixtureResponse? response;
        lock (routes)
        {
            response = routes.FirstOrDefault(r => r.Matches(request))?.Next();
        }

        response ??= FixtureResponse.Text(404, "text/plain", $"no fixture for {request.Path}{request.QueryString}");
        if (response.Delay > TimeSpan.Zero)
        {
            await Task.Delay(response.Delay, context.RequestAborted);
        }

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        if (response.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        if (response.Location is { } location)
        {
            context.Response.Headers.Location = location;
        }

        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (response.Chunked)
        {
            // No Content-Length: the body arrives in pieces until the server stops, as a streamed download does.
            foreach (var piece in response.Body.Chunk(16 * 1024))
            {
                await context.Response.Body.WriteAsync(piece, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }

            return;
        }

        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    /// <summary>Copied next to the test binaries when the project says so; otherwise read from the checkout.</summary>
    private static string FixturesFolder()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Paperwire.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "Paperwire.Testing", "Fixtures");
            }
        }

        throw new DirectoryNotFoundException($"No Fixtures folder beside {AppContext.BaseDirectory} or in a checkout above it.");
    }

    private sealed class Route(Func<HttpRequest, bool> matches, FixtureResponse[] responses)
    {
        private int served;

        public bool Matches(HttpRequest request) => matches(request);

        public FixtureResponse Next() => responses[Math.Min(served++, responses.Length - 1)];
    }
}

/// <summary>One request the fixture server got; <paramref name="Timestamp"/> is a <see cref="Stopwatch"/> timestamp.</summary>
public sealed record RecordedRequest(long Timestamp, string Path, IReadOnlyDictionary<string, string?> Query, string UserAgent)
{
    /// <summary>The request's headers, names case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public TimeSpan Since(RecordedRequest earlier) => Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp);
}

/// <summary>What the fixture server answers: status, content type, body, and scripted behaviour.</summary>
public sealed record FixtureResponse(int Status, string ContentType, byte[] Body)
{
    /// <summary>Wait this long before answering (a slow page).</summary>
    public TimeSpan Delay { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public string? Location { get; init; }

    /// <summary>Send the body in pieces without a Content-Length.</summary>
    public bool Chunked { get; init; }

    /// <summary>More response headers (<c>ETag</c>, <c>X-RateLimit-Remaining</c>).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>An OAI-PMH page (text/xml) from <c>Fixtures/</c>.</summary>
    public static FixtureResponse Xml(string fixture) => new(200, "text/xml; charset=utf-8", FixtureServer.ReadFixture(fixture));

    /// <summary>An arXiv API page (application/atom+xml) from <c>Fixtures/</c>.</summary>
    public static FixtureResponse Atom(string fixture) => new(200, "application/atom+xml; charset=UTF-8", FixtureServer.ReadFixture(fixture));

    public static FixtureResponse Text(int status, string contentType, string body) => new(status, contentType, Encoding.UTF8.GetBytes(body));

    /// <summary>arXiv's flow control: 503 with <c>Retry-After</c>.</summary>
    public static FixtureResponse Unavailable(TimeSpan retryAfter) =>
        Text(503, "text/html", "<html><body><h1>Retry after the specified time</h1></body></html>") with { RetryAfter = retryAfter };

    /// <summary>A proxy's error page served with 200.</summary>
    public static FixtureResponse Html() => Text(200, "text/html; charset=utf-8", "<!DOCTYPE html><html><body><p>Service temporarily unavailable.</p></body></html>");

    /// <summary>The first <paramref name="fraction"/> of a fixture's bytes, served as if whole.</summary>
    public static FixtureResponse Truncated(string fixture, double fraction = 0.6)
    {
        var whole = Xml(fixture);
        return whole with { Body = whole.Body[..(int)(whole.Body.Length * fraction)] };
    }

    public static FixtureResponse Redirect(string location) => Text(302, "text/plain", "") with { Location = location };

    /// <summary>A PDF (application/pdf), e.g. one of <see cref="TestPdfs"/>.</summary>
    public static FixtureResponse Pdf(byte[] body) => new(200, "application/pdf", body);

    public FixtureResponse Slowly(TimeSpan delay) => this with { Delay = delay };

    /// <summary>This response with <paramref name="headers"/> added.</summary>
    public FixtureResponse With(params (string Name, string Value)[] headers)
    {
        var all = new Dictionary<string, string>(Headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            all[name] = value;
        }

        return this with { Headers = all };
    }
}

/// <summary>What the harvest tests do with the services <see cref="FixtureServer.CreateHarvestServicesAsync"/> builds.</summary>
public static class HarvestServicesExtensions
{
    public static async Task<ImportSummary> HarvestOaiAsync(this IServiceProvider services, OaiHarvestRequest request, IProgress<ImportProgress>? progress = null)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OaiHarvester>().HarvestAsync(request, new ImportOptions(), progress, TestContext.Current.CancellationToken);
    }

    public static async Task<ImportSummary> HarvestApiAsync(this IServiceProvider services, ArxivApiRequest request, IProgress<ImportProgress>? progress = null)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ArxivApiHarvester>().HarvestAsync(request, new ImportOptions(), progress, TestContext.Current.CancellationToken);
    }

    /// <summary>Runs <paramref name="query"/> on a fresh DbContext, to check what is stored.</summary>
    public static async Task<T> QueryAsync<T>(this IServiceProvider services, Func<PaperwireDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PaperwireDbContext>());
    }

    public static Task<Paper> PaperAsync(this IServiceProvider services, string id) =>
        services.QueryAsync(db => db.Papers.AsNoTracking().SingleAsync(p => p.Id == id));

    public static Task<List<string>> PaperIdsAsync(this IServiceProvider services) =>
        services.QueryAsync(db => db.Papers.AsNoTracking().Select(p => p.Id).OrderBy(id => id).ToListAsync());

    public static Task<HarvestCheckpoint?> CheckpointAsync(this IServiceProvider services, string key) =>
        services.QueryAsync(db => db.HarvestCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.Key == key));
}

/// <summary>Keeps every progress report, on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
public sealed class ProgressReports : IProgress<ImportProgress>
{
    private readonly List<ImportProgress> reports = [];

    public IReadOnlyList<ImportProgress> All => reports;

    public void Report(ImportProgress value) => reports.Add(value);
}
