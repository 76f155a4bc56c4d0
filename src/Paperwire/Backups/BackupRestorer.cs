using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Paperwire.Hosting;

namespace Paperwire.Backups;

/// <summary>
/// Unpacks a backup archive into a new data folder. Every file is checked against the manifest (size and SHA-256) and
/// the database against SQLite's own integrity check, all in a hidden folder next to the target, which is renamed into
/// place only when everything checked out: a damaged archive or a failure leaves no half-restored folder.
/// </summary>
public static class BackupRestorer
{
    public static async Task<BackupManifest> RestoreAsync(string archivePath, string dataDirectory, Action<string>? report, CancellationToken cancellationToken)
    {
        var archive = Path.GetFullPath(archivePath);
        if (!File.Exists(archive))
        {
            throw new BackupException($"There is no backup at {archive}.");
        }

        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory));
        if (File.Exists(target))
        {
            throw new BackupException($"{target} is a file: restore into a new or empty folder.");
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new BackupException($"{target} is not empty: restore only into a new or empty folder, so nothing there is overwritten.");
        }

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{Path.GetFileName(target)}.{Guid.NewGuid().ToString("N")[..12]}.restoring");
        try
        {
            CreatePrivateFolder(temporary);
            var manifest = await ExtractAsync(archive, temporary, cancellationToken);
            report?.Invoke($"Checked {manifest.Files.Count} files against the manifest of {manifest.CreatedAt:u} (Paperwire {manifest.PaperwireVersion}).");
            CheckDatabase(archive, Path.Combine(temporary, BackupWriter.DatabaseEntry));
            report?.Invoke("Database: integrity check passed.");
            if (Directory.Exists(target))
            {
                Directory.Delete(target); // empty, checked above
            }

            Directory.Move(temporary, target);
            return manifest;
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    private static async Task<BackupManifest> ExtractAsync(string archive, string destination, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(archive);
            var magic = new byte[2];
            if (await file.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken) < 2 || magic is not [0x1f, 0x8b])
            {
                throw NotABackup(archive, "it is not a Paperwire backup (not a .tar.gz archive)");
            }

            file.Position = 0;
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            var first = await tar.GetNextEntryAsync(copyData: false, cancellationToken);
            if (first is not { Name: BackupManifest.EntryName, DataStream: { } json })
            {
                throw NotABackup(archive, "it has no manifest");
            }

            var manifest = BackupManifest.FromJson(json);
            if (manifest is not { Format: BackupManifest.FormatName, Files: not null })
            {
                throw NotABackup(archive, "its manifest is not a Paperwire backup's");
            }

            if (manifest.FormatVersion > BackupManifest.CurrentFormatVersion)
            {
                throw new BackupException($"{archive} was written by a newer Paperwire ({manifest.PaperwireVersion}, format {manifest.FormatVersion}): restore it with that version.");
            }

            var expected = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !expected.Remove(entry.Name, out var listed))
                {
                    throw NotABackup(archive, $"it holds {entry.Name}, which its manifest does not list");
                }

                await ExtractFileAsync(archive, entry, listed, destination, cancellationToken);
            }

            if (expected.Count > 0)
            {
                throw NotABackup(archive, $"{expected.Count} file(s) its manifest lists are missing (is it truncated?), such as {expected.Keys.First()}");
            }

            return manifest;
        }
        catch (Exception error) when (error is InvalidDataException or EndOfStreamException or FormatException or JsonException or ArgumentException)
        {
            throw NotABackup(archive, $"it is damaged or truncated ({error.Message})", error);
        }
    }

    private static async Task ExtractFileAsync(string archive, TarEntry entry, BackupFile listed, string destination, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(Path.Combine(destination, entry.Name));
        if (!path.StartsWith(destination + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw NotABackup(archive, $"it names a file outside the data folder ({entry.Name})");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            if (entry.DataStream is { } data)
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await data.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    size += read;
                }
            }
        }

        if (size != listed.Size || Convert.ToHexStringLower(hash.GetHashAndReset()) != listed.Sha256)
        {
            throw NotABackup(archive, $"{entry.Name} does not match its checksum (it is damaged or truncated)");
        }
    }

    private static void CheckDatabase(string archive, string database)
    {
        if (!File.Exists(database))
        {
            throw NotABackup(archive, "it holds no database");
        }

        string? verdict;
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            verdict = check.ExecuteScalar() as string;
        }
        catch (SqliteException error)
        {
            throw NotABackup(archive, $"its database cannot be read ({error.Message})", error);
        }

        if (verdict != "ok")
        {
            throw NotABackup(archive, $"its database fails SQLite's integrity check ({verdict})");
        }

        // The archive holds one self-contained file (rollback journal); the server works in WAL mode and checks the
        // database through a read-only connection first, which cannot switch modes: switch it here, as serve left it.
        using var writable = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        writable.Open();
        using var wal = writable.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode = WAL;";
        wal.ExecuteNonQuery();
    }

    private static void CreatePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, PrivateFiles.FolderMode);
        }
    }

    private static BackupException NotABackup(string archive, string why, Exception? inner = null) =>
        new($"{archive} cannot be restored: {why}.", inner);
}
