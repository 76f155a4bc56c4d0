using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Paperwire.Storage;

public static class StorageServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "Paperwire.Storage.Sqlite";
    public const string PostgresMigrationsAssembly = "Paperwire.Storage.Postgres";

    /// <summary>Registers the DbContext for the chosen provider and the stores built on it.</summary>
    public static IServiceCollection AddPaperwireStorage(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        services.AddDbContextPool<PaperwireDbContext>(options => Configure(options, settings));
        services.AddScoped<DailyFeed>();
        services.AddScoped<PaperCatalog>();
        services.AddScoped<LatestPapers>();
        services.AddScoped<CatalogWriter>();
        services.AddScoped<PaperAliases>();
        services.AddScoped<Coordination.ChangeSequence>();
        services.AddScoped<Readers.ReaderVersions>();
        services.AddScoped<Coordination.JobLeases>();
        services.AddScoped<Coordination.ScheduledJobRuns>();
        services.TryAddSingleton<Core.Operations.PaperwireMetrics>();
        services.AddScoped<Embeddings.EmbeddingWork>();
        services.AddScoped<Glance.GlanceWork>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<DatabaseMigrator>();
        return services;
    }

    /// <summary>Applies provider, migrations assembly and pragmas; shared with the design-time factories.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            options.UseSqlite(settings.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
            options.AddInterceptors(new SqlitePragmaInterceptor());
        }
        else
        {
            options.UseNpgsql(settings.ConnectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
        }

        return options;
    }
}
