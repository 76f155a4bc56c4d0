using Paperwire.Accounts;
using Paperwire.Api;
using Paperwire.Avatars;
using Paperwire.Backups;
using Paperwire.Citations;
using Paperwire.Community;
using Paperwire.Digests;
using Paperwire.Feeds;
using Paperwire.ForYou;
using Paperwire.Ingest;
using Paperwire.Ingest.DemoCorpus;
using Paperwire.Operations;
using Paperwire.Search;
using Paperwire.Storage;
using Paperwire.Thumbnails;

namespace Paperwire.Hosting;

/// <summary>The web host's table of contents: one Add/Map pair per feature.</summary>
public static class PaperwireWebApp
{
    public static WebApplication Create(PaperwireSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Named explicitly so Razor Pages are found even when a test runner is the entry assembly.
            ApplicationName = typeof(PaperwireWebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(15));

        builder.Services.AddPaperwireApplication(settings);
        builder.Services.AddPaperwireIngestWorkers();
        builder.Services.AddPaperwireSearchWorker();
        builder.Services.AddWebPlatform();
        builder.Services.AddPaperwireAccounts();
        builder.Services.AddCommunity();
        builder.Services.AddPaperwireApi();
        builder.Services.AddPaperwireFeeds();
        builder.Services.AddDigests();
        builder.Services.AddForYou();
        builder.Services.AddAvatars();
        builder.Services.AddScheduledBackups();
        builder.Services.AddThumbnails(settings);
        configure?.Invoke(builder);
        // After the caller's settings: the management port joins the addresses it chose.
        builder.AddPaperwireOperations();

        var app = builder.Build();
        app.UsePaperwireMetrics();
        app.UseWebPlatform();
        app.MapPaperwireApi();
        app.MapAccountData();
        app.MapPaperwireFeeds();
        app.MapCitations();
        app.MapForYou();
        app.MapAvatars();
        app.MapThumbnails();
        app.MapWebPlatform();
        return app;
    }

    /// <summary>Migrates the database, readies the shared key ring and loads the demo corpus into an empty one, before the first request.</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        await AccountServices.EnsureRolesAsync(scope.ServiceProvider);
        await scope.ServiceProvider.GetRequiredService<SharedKeyRing>().PrepareAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<DemoCorpusLoader>().LoadIfEmptyAsync(cancellationToken);
    }
}
