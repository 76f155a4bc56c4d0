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
            EnsurePrivateSqliteFolder(settings.ConnectionString);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) to {Database}: {Migrations}", pending.Count, settings.Describe(), pending);
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            EnsurePrivateSqliteFolder(settings.ConnectionString);
        }

        return pending;
    }

    /// <summary>
    /// The database holds accounts and subscribers' addresses: its folder and files are for the service's user only
    /// (0700, 0600), also when an earlier version or a plain umask created them open to everyone.
    /// </summary>
    private static void EnsurePrivateSqliteFolder(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return;
        }

        var file = Path.GetFullPath(builder.DataSource);
        var folder = Path.GetDirectoryName(file)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        const UnixFileMode folderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(folder, folderMode);
        File.SetUnixFileMode(folder, folderMode);
        // Run again after migrating, for a file the migration just created (the paperwire process creates it under
        // a 077 umask anyway; a host embedding the app may not). SQLite gives -wal and -shm the database file's mode.
        foreach (var path in new[] { file, file + "-wal", file + "-shm" }.Where(File.Exists))
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
