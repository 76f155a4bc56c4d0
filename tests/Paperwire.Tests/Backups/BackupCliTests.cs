using Paperwire.Tests.Cli;

namespace Paperwire.Tests.Backups;

/// <summary><c>paperwire backup</c> and <c>restore</c> given what an operator gets wrong: one clear line, a non-zero exit, nothing half-written.</summary>
public sealed class BackupCliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("paperwire-backup-cli-").FullName;

    private string Data => Path.Combine(folder, "data");

    [Fact]
    public async Task On_PostgreSQL_backup_and_restore_refuse_and_point_to_pg_dump()
    {
        var archive = Path.Combine(folder, "cluster.tar.gz");
        var (exit, output) = await PaperwireProcess.RunAsync("backup", "--database", "Host=127.0.0.1;Port=1;Database=paperwire;Password=secret", "--out", archive);
        Assert.Equal(2, exit);
        Assert.Contains("error: paperwire backup copies a SQLite deployment; this one uses PostgreSQL (Host=127.0.0.1;Port=1;Database=paperwire)", output);
        Assert.Contains("Back up PostgreSQL with pg_dump", output);
        Assert.Contains("docs/backup.md", output);
        Assert.DoesNotContain("secret", output);
        Assert.False(File.Exists(archive));

        (exit, output) = await PaperwireProcess.RunAsync("restore", archive, "--data", Data, "--database", "Host=127.0.0.1;Database=paperwire");
        Assert.Equal(2, exit);
        Assert.Contains("a PostgreSQL database is restored with pg_restore", output);
        Assert.False(Directory.Exists(Data));
    }

    [Fact]
    public async Task A_backup_into_a_missing_folder_or_over_a_file_fails_clearly_and_leaves_nothing()
    {
        Assert.Equal(0, (await PaperwireProcess.RunAsync("db", "migrate", "--data", Data)).ExitCode);

        var (exit, output) = await PaperwireProcess.RunAsync("backup", "--data", Data, "--out", Path.Combine(folder, "no-such-folder", "b.tar.gz"));
        Assert.Equal(1, exit);
        Assert.Contains($"error: The folder {Path.Combine(folder, "no-such-folder")} does not exist", output);

        var existing = Path.Combine(folder, "existing.tar.gz");
        await File.WriteAllTextAsync(existing, "an older backup", TestContext.Current.CancellationToken);
        (exit, output) = await PaperwireProcess.RunAsync("backup", "--data", Data, "--out", existing);
        Assert.Equal(1, exit);
        Assert.Contains("already exists: a backup never overwrites a file", output);
        Assert.Equal("an older backup", await File.ReadAllTextAsync(existing, TestContext.Current.CancellationToken));

        (exit, output) = await PaperwireProcess.RunAsync("backup", "--data", Path.Combine(folder, "empty"), "--out", Path.Combine(folder, "b.tar.gz"));
        Assert.Equal(1, exit);
        Assert.Contains("There is no database at", output);

        Assert.Equal(["data", "existing.tar.gz"], Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Restore_refuses_a_folder_in_use_and_damaged_archives_and_never_leaves_a_half_restored_folder()
    {
        Assert.Equal(0, (await PaperwireProcess.RunAsync("db", "migrate", "--data", Data)).ExitCode);
        var archive = Path.Combine(folder, "good.tar.gz");
        Assert.Equal(0, (await PaperwireProcess.RunAsync("backup", "--data", Data, "--out", archive)).ExitCode);
        var bytes = await File.ReadAllBytesAsync(archive, TestContext.Current.CancellationToken);

        // Into the folder the live deployment uses: refused, nothing touched.
        var before = Directory.EnumerateFiles(Data).Order(StringComparer.Ordinal).ToList();
        var (exit, output) = await PaperwireProcess.RunAsync("restore", archive, "--data", Data);
        Assert.Equal(1, exit);
        Assert.Contains($"error: {Data} is not empty: restore only into a new or empty folder", output);
        Assert.Equal(before, Directory.EnumerateFiles(Data).Order(StringComparer.Ordinal));

        var target = Path.Combine(folder, "restored");
        foreach (var (name, content, message) in new[]
        {
            ("truncated.tar.gz", bytes[..(bytes.Length / 2)], "damaged or truncated"),
            ("flipped.tar.gz", Flip(bytes, bytes.Length / 2), "damaged or truncated"),
            ("notes.txt", "not an archive"u8.ToArray(), "not a .tar.gz archive"),
        })
        {
            var damaged = Path.Combine(folder, name);
            await File.WriteAllBytesAsync(damaged, content, TestContext.Current.CancellationToken);
            (exit, output) = await PaperwireProcess.RunAsync("restore", damaged, "--data", target);
            Assert.True(exit == 1, output);
            Assert.Contains($"error: {damaged} cannot be restored: ", output);
            Assert.Contains(message, output);
            Assert.False(Directory.Exists(target), $"{name} left {target} behind");
            Assert.Empty(Directory.EnumerateDirectories(folder, ".*"));
        }

        (exit, output) = await PaperwireProcess.RunAsync("restore", Path.Combine(folder, "missing.tar.gz"), "--data", target);
        Assert.Equal(1, exit);
        Assert.Contains("There is no backup at", output);

        // An empty folder is fine, and gets what the archive holds.
        Directory.CreateDirectory(target);
        (exit, output) = await PaperwireProcess.RunAsync("restore", archive, "--data", target);
        Assert.True(exit == 0, output);
        Assert.Contains("Database: integrity check passed.", output);
        Assert.True(File.Exists(Path.Combine(target, "paperwire.db")));
    }

    [Fact]
    public async Task A_backup_onto_a_full_disk_fails_clearly_and_leaves_nothing_there()
    {
        Assert.Equal(0, (await PaperwireProcess.RunAsync("db", "migrate", "--data", Data)).ExitCode);
        var full = Path.Combine(folder, "full");
        Directory.CreateDirectory(full);
        // A disk smaller than the database: a tmpfs of 128 KiB (needs root, as test.sh runs).
        if (await RunAsync("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", full) != 0)
        {
            Assert.Skip("SKIPPED — mounting a small tmpfs needs root (./test.sh runs as root)");
        }

        try
        {
            var (exit, output) = await PaperwireProcess.RunAsync("backup", "--data", Data, "--out", Path.Combine(full, "b.tar.gz"));
            Assert.Equal(1, exit);
            Assert.Contains($"error: The disk holding {full} is full: a backup needs room for about the database and the search index twice over", output);
            Assert.Empty(Directory.EnumerateFileSystemEntries(full));
        }
        finally
        {
            await RunAsync("umount", full);
        }
    }

    private static async Task<int> RunAsync(string program, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = System.Diagnostics.Process.Start(start)!;
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1; // no such program here
        }
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0xff;
        return copy;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }
}
