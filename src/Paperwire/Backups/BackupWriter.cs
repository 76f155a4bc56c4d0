using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Paperwire.Accounts;
using Paperwire.Hosting;
using Paperwire.Search;
using Paperwire.Search.Indexing;
using Paperwire.Storage;

namespace Paperwire.Backups;

/// <summary>What a backup wrote.</summary>
public sealed record BackupSummary(string Path, long Bytes, BackupManifest Manifest, TimeSpan Elapsed);

/// <summary>
/// Writes one archive (tar.gz) of what a SQLite deployment needs to serve again at once, while the server runs: the
/// database through SQLite's online backup API (a consistent snapshot; a file copy of a live WAL database is not
/// one), the serving search index generation (<see cref="IndexSnapshot"/>), taken before the database so it can only
/// lag it and the restored node catches up from the change sequence, and Data Protection key files an old version
/// left in the folder (the keys themselves live in the database). Everything is staged next to the archive and the
/// archive is renamed into place at the end, so a failure (a full disk) leaves no partial archive.
/// </summary>
public sealed class BackupWriter(PaperwireSettings settings, IOptions<SearchOptions> search, KeyRingFolder keys, TimeProvider clock)
{
    public const string DatabaseEntry = "paperwire.db";

    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;

    // ENOSPC: .NET reports the errno as the HResult of an IOException on Linux and macOS.
    private const int NoSpace = 28;

    // What the summary counts: the tables an operator would check after a restore.
    private static readonly (string Name, string Table)[] Counted =
    [
        ("papers", "papers"), ("accounts", "users"), ("votes", "votes"), ("comments", "comments"), ("subscriptions", "digest_subscriptions"),
    ];

    public static string PostgresRefusal(DatabaseSettings database) =>
        $"paperwire backup copies a SQLite deployment; this one uses {database.Describe()}. Back up PostgreSQL with pg_dump " +
        "(pg_dump --format=custom --file=paperwire.dump …) and restore it with pg_restore: the database holds everything " +
        "(papers, accounts, votes, Data Protection keys, images, vectors), and each node's data folder is a cache it rebuilds. See docs/backup.md.";

    public async Task<BackupSummary> WriteAsync(string archivePath, Action<string>? report, CancellationToken cancellationToken)
    {
        if (settings.Database.Provider != DatabaseProvider.Sqlite)
        {
            throw new BackupException(PostgresRefusal(settings.Database));
        }

        var watch = Stopwatch.StartNew();
        var target = Path.GetFullPath(archivePath);
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new BackupException($"The folder {folder} does not exist: create it first, or choose another --out.");
        }

        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new BackupException($"{target} already exists: a backup never overwrites a file; choose another name.");
        }

        var database = Path.GetFullPath(new SqliteConnectionStringBuilder(settings.Database.ConnectionString).DataSource);
        if (!File.Exists(database))
        {
            throw new BackupException($"There is no database at {database}: nothing to back up (check --data).");
        }

        var unique = Guid.NewGuid().ToString("N")[..12];
        var staging = Path.Combine(folder, $".{Path.GetFileName(target)}.{unique}.staging");
        var partial = Path.Combine(folder, $".{Path.GetFileName(target)}.{unique}.partial");
        try
        {
            Directory.CreateDirectory(staging);

            // The index first: taken before the database, it can only lag it, and the restored node replays the rest.
            var generation = await Task.Run(() => IndexSnapshot.CopyServing(search.Value.IndexDirectory!, Path.Combine(staging, "search")), cancellationToken);
            report?.Invoke(generation is null
                ? "Search index: none to copy; a server on the restored folder builds it from the database."
                : $"Search index: copied generation {generation}.");

            var copy = Path.Combine(staging, DatabaseEntry);
            await Task.Run(() => CopyDatabase(database, copy), cancellationToken);
            var (migration, counts) = Describe(copy);
            report?.Invoke($"Database: online backup of {database} ({Megabytes(new FileInfo(copy).Length)}), schema {migration ?? "empty"}.");

            CopyLegacyKeys(Path.Combine(staging, "keys"));

            var files = await ChecksumAsync(staging, cancellationToken);
            var manifest = new BackupManifest(
                BackupManifest.FormatName,
                BackupManifest.CurrentFormatVersion,
                Version,
                clock.GetUtcNow(),
                "sqlite",
                migration,
                generation,
                counts,
                files);
            await WriteArchiveAsync(partial, staging, manifest, cancellationToken);
            File.Move(partial, target);
            return new BackupSummary(target, new FileInfo(target).Length, manifest, watch.Elapsed);
        }
        catch (Exception error) when (IsDiskFull(error, folder, new FileInfo(database).Length))
        {
            throw new BackupException(
                $"The disk holding {folder} is full: a backup needs room for about the database and the search index twice over while it runs (docs/backup.md). Nothing was left there.",
                error);
        }
        finally
        {
            TryDelete(partial);
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    public static string Version =>
        typeof(BackupWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static string Megabytes(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MB");

    /// <summary>One backup step over the whole database: SQLite copies a single snapshot while writers go on in the WAL.</summary>
    private static void CopyDatabase(string source, string destination)
    {
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString());
        from.Open();
        using (var wait = from.CreateCommand())
        {
            wait.CommandText = "PRAGMA busy_timeout = 10000;";
            wait.ExecuteNonQuery();
        }

        to.Open();
        from.BackupDatabase(to);

        // One self-contained file: no -wal beside it in the archive.
        using var journal = to.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode = DELETE;";
        journal.ExecuteNonQuery();
    }

    private static (string? Migration, IReadOnlyDictionary<string, long> Counts) Describe(string copy)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var tables = new HashSet<string>(StringComparer.Ordinal);
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        string? migration = null;
        if (tables.Contains("__EFMigrationsHistory"))
        {
            using var last = connection.CreateCommand();
            last.CommandText = """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" DESC LIMIT 1""";
            migration = last.ExecuteScalar() as string;
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, table) in Counted.Where(c => tables.Contains(c.Table)))
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[name] = (long)count.ExecuteScalar()!;
        }

        return (migration, counts);
    }

    private void CopyLegacyKeys(string destination)
    {
        if (!Directory.Exists(keys.Path))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(keys.Path, "key-*.xml"))
        {
            Directory.CreateDirectory(destination);
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
    }

    private static async Task<IReadOnlyList<BackupFile>> ChecksumAsync(string staging, CancellationToken cancellationToken)
    {
        var files = new List<BackupFile>();
        foreach (var path in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(path);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken);
            files.Add(new BackupFile(EntryName(staging, path), stream.Length, Convert.ToHexStringLower(hash)));
        }

        return files;
    }

    private static async Task WriteArchiveAsync(string path, string staging, BackupManifest manifest, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true))
        await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            using var json = new MemoryStream(manifest.ToJson());
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, BackupManifest.EntryName) { DataStream = json }, cancellationToken);
            foreach (var entry in manifest.Files)
            {
                await tar.WriteEntryAsync(Path.Combine(staging, entry.Path), entry.Path, cancellationToken);
            }
        }

        // On disk before the rename makes it the backup: a crash right after must not leave a name on an empty file.
        await file.FlushAsync(cancellationToken);
        file.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Whether <paramref name="error"/> is the disk running out: SQLite says so (or, writing its journal, reports an I/O
    /// error), or the system does (ENOSPC); an I/O error counts only when the folder's disk has less room than the database.
    /// </summary>
    private static bool IsDiskFull(Exception error, string folder, long databaseBytes) => error switch
    {
        SqliteException { SqliteErrorCode: SqliteFull } => true,
        SqliteException { SqliteErrorCode: SqliteIoError } => FreeBytes(folder) < databaseBytes,
        BackupException => false,
        IOException => error.HResult == NoSpace,
        _ => false,
    };

    private static long FreeBytes(string folder)
    {
        try
        {
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return long.MaxValue;
        }
    }

    private static string EntryName(string root, string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Whatever kept it (a full disk's own error) was already reported; a stray hidden file is the lesser harm.
        }
    }
}
