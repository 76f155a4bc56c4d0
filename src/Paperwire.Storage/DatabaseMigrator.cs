using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Paperwire.Storage;

/// <summary>Brings the database schema up to date; used by <c>serve</c> on start and by <c>db migrate</c>.</summary>
public sealed class DatabaseMigrator(PaperwireDbContext db, DatabaseSettings settings, ILogger<DatabaseMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolderExists(settings.ConnectionString);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) to {Database}: {Migrations}", pending.Count, settings.Describe(), pending);
            await db.Database.MigrateAsync(cancellationToken);
        }

        return pending;
    }

    private static void EnsureSqliteFolderExists(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
