using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Paperwire.Tests.Web;

/// <summary>What an operator relies on: health, the OpenAPI document, robots.txt, shutdown.</summary>
public class OperationsTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Healthz_ReportsStorageReachable(Paperwire.Storage.DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: false);
        using var response = await app.Client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_IsUnhealthy_WhenTheDatabaseIsGone()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await DeleteWhileWorkersWriteAsync(app.Database.DataDirectory);
        // A background worker writing its next file recreates the directory; SQLite then opens
        // a fresh, empty database there. That is still not a working Paperwire.
        Directory.CreateDirectory(app.Database.DataDirectory);
        // A worker may have pooled a connection to the old file between the first clear and the delete.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var response = await app.Client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Readyz_turns_ready_once_the_search_index_has_caught_up(Paperwire.Storage.DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        await app.UntilIndexedAsync();

        using var response = await app.Client.GetAsync("/readyz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var checks = json.RootElement.GetProperty("checks");
        foreach (var check in new[] { "storage", "migrations", "search" })
        {
            Assert.Equal("Healthy", checks.GetProperty(check).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Readyz_turns_ready_when_the_newest_change_number_belongs_to_no_paper()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.AddPapersAsync(PaperFactory.InFeed("2605.00001", new DateOnly(2026, 5, 28)));
        // A write that took a number and then touched no paper (its paper was gone): the counter runs ahead of the catalog.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Paperwire.Storage.Coordination.ChangeSequence>().ReserveAsync(1, TestContext.Current.CancellationToken);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        do
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            using var response = await app.Client.GetAsync("/readyz", TestContext.Current.CancellationToken);
            status = response.StatusCode;
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Readyz_is_unavailable_while_a_migration_is_pending_but_healthz_stays_alive()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync(
            """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = (SELECT MAX("MigrationId") FROM "__EFMigrationsHistory")"""));

        using var ready = await app.Client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        using var alive = await app.Client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("1 migration(s) not applied", json.RootElement.GetProperty("checks").GetProperty("migrations").GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    // Background workers (the search index, key ring) may write a file into the directory
    // while it is being removed, so the delete is retried until the directory is gone.
    private static async Task DeleteWhileWorkersWriteAsync(string directory)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheHfCompatibleEndpoints()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var json = JsonDocument.Parse(await app.Client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/daily_papers", out _));
        Assert.True(paths.TryGetProperty("/api/papers/{id}", out _));
    }

    [Fact]
    public async Task RobotsTxt_KeepsCrawlersOutOfTheApi()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        Assert.Contains("Disallow: /api/", await app.Client.GetStringAsync("/robots.txt", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Stylesheet_IsServed()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        using var response = await app.Client.GetAsync("/css/site.css", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("prefers-color-scheme: dark", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
