using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paperwire.Ingest.HuggingFace;
using Paperwire.Ingest.Pipeline;
using Paperwire.Storage;

namespace Paperwire.Tests.Ingest;

/// <summary>Input that cannot be a daily-papers feed stops the import with a clear message and stores nothing.</summary>
public class HuggingFaceBadInputTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_binary_file_is_refused_and_nothing_changes(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var png = Path.Combine(app.Database.DataDirectory, "cover.png");
        await File.WriteAllBytesAsync(png, [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0xFF, 0xFE], TestContext.Current.CancellationToken);

        var error = await RefusedAsync(app, png);

        Assert.Equal($"{png} is not JSON (binary data or text): expected a JSON array of daily-papers items.", error.Message);
    }

    [Theory]
    [InlineData("""{"papers": [{"paper": {"id": "2504.05299"}}]}""", "is a JSON object, not a JSON array of daily-papers items")]
    [InlineData("\uFEFF  \n {}", "is a JSON object, not a JSON array")]
    [InlineData("", "is empty")]
    [InlineData("   \n", "is empty")]
    [InlineData("<!doctype html><html><body>Daily Papers</body></html>", "is not JSON")]
    [InlineData("""[{"paper": {"id": "2504.05299", "title": "x"}, "publishedAt": "2025-04-08T00:00:00Z"}, {"paper": """, "is not valid JSON at line 1")]
    public async Task A_file_that_is_not_a_json_array_is_refused(string content, string message)
    {
        await using var app = await TestApp.StartAsync();
        var file = Path.Combine(app.Database.DataDirectory, "feed.json");
        await File.WriteAllTextAsync(file, content, TestContext.Current.CancellationToken);

        var error = await RefusedAsync(app, file);

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task A_missing_file_is_refused()
    {
        await using var app = await TestApp.StartAsync();
        var error = await RefusedAsync(app, "/nonexistent/daily-papers.json");
        Assert.Equal("/nonexistent/daily-papers.json: no such file.", error.Message);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_url_answering_404_is_refused_and_nothing_changes(DatabaseProvider provider)
    {
        await using var source = await TestApp.StartOnLoopbackAsync(provider);
        await using var app = await TestApp.StartAsync(provider);

        var error = await RefusedAsync(app, new Uri(source.BaseAddress, "/no/such/prefix").ToString());

        Assert.Contains("/no/such/prefix/api/daily_papers?limit=100 answered 404 Not Found", error.Message);
        Assert.Contains("Is the address the base of a Paperwire or Hugging Face server?", error.Message);
    }

    [Theory]
    [InlineData("/html", "answered text/html, not JSON")]
    [InlineData("/object", "is a JSON object, not a JSON array")]
    [InlineData("/elsewhere", "its Link header points to another server (http://example.invalid); not following it.")]
    public async Task A_url_answering_something_else_is_refused(string basePath, string message)
    {
        await using var server = await StubServer.StartAsync();
        await using var app = await TestApp.StartAsync();

        var error = await RefusedAsync(app, server.BaseAddress + basePath.TrimStart('/'));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task A_server_that_pages_without_link_headers_is_paged_by_p()
    {
        await using var server = await StubServer.StartAsync();
        await using var app = await TestApp.StartAsync(demo: false);

        var summary = await HuggingFaceImports.ImportAsync(app, new HfImportRequest(server.BaseAddress + "paged", PageSize: 2));

        Assert.Equal(5, summary.Counts.Inserted);
        Assert.Equal(["0", "1", "2"], server.PagesAsked);
    }

    [Fact]
    public async Task A_query_string_in_the_address_is_refused()
    {
        await using var app = await TestApp.StartAsync();
        var error = await RefusedAsync(app, "http://127.0.0.1:1/api/daily_papers?date=2025-04-07");
        Assert.Contains("give the server's base address", error.Message);
    }

    /// <summary>Asserts the import fails as fatal input and leaves the catalog exactly as it was.</summary>
    private static async Task<InvalidInputException> RefusedAsync(TestApp app, string source)
    {
        var before = await SnapshotAsync(app);
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => HuggingFaceImports.ImportAsync(app, new HfImportRequest(source)));
        Assert.Equal(before, await SnapshotAsync(app));
        return error;
    }

    private static Task<(int, int, int, long)> SnapshotAsync(TestApp app) => app.QueryAsync(async db =>
        (await db.Papers.CountAsync(), await db.FeedEntries.CountAsync(), await db.Organizations.CountAsync(), await db.Papers.MaxAsync(p => (long?)p.ChangeSequence) ?? 0));

    /// <summary>A server on loopback that answers /api/daily_papers the ways a wrong address or a foreign server might.</summary>
    private sealed class StubServer : IAsyncDisposable
    {
        private readonly WebApplication app;

        private StubServer(WebApplication app) => this.app = app;

        public string BaseAddress => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

        public List<string> PagesAsked { get; } = [];

        public static async Task<StubServer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            var app = builder.Build();
            var server = new StubServer(app);
            app.MapGet("/html/api/daily_papers", () => Results.Content("<!doctype html><title>Daily Papers</title>", "text/html"));
            app.MapGet("/object/api/daily_papers", () => Results.Content("""{"error": "Invalid date"}""", "application/json"));
            app.MapGet("/elsewhere/api/daily_papers", (HttpContext context) =>
            {
                context.Response.Headers.Link = "<http://example.invalid/api/daily_papers?p=1>; rel=\"next\"";
                return Results.Content("""[{"paper": {"id": "2504.05299", "title": "SmolVLM"}, "publishedAt": "2025-04-08T00:00:00.000Z"}]""", "application/json");
            });
            app.MapGet("/paged/api/daily_papers", (HttpContext context) =>
            {
                // Five papers in pages of two, with no Link header: the importer asks for the next p while pages come back full.
                var page = int.Parse(context.Request.Query["p"].FirstOrDefault() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                server.PagesAsked.Add(page.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var items = Enumerable.Range(page * 2, 2).Where(i => i < 5)
                    .Select(i => $$"""{"paper": {"id": "2504.0000{{i}}", "title": "Paper {{i}}"}, "publishedAt": "2025-04-08T00:00:00.000Z"}""");
                return Results.Content($"[{string.Join(',', items)}]", "application/json; charset=utf-8");
            });
            await app.StartAsync();
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
