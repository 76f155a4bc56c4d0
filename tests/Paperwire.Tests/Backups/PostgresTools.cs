using System.Diagnostics;
using Npgsql;

namespace Paperwire.Tests.Backups;

/// <summary>pg_dump and pg_restore, run as docs/backup.md tells an operator to (the newest installed version).</summary>
internal static class PostgresTools
{
    public static Task DumpAsync(string connectionString, string file) =>
        RunAsync("pg_dump", connectionString, ["--format=custom", "--no-owner", $"--file={file}"]);

    public static Task RestoreAsync(string file, string connectionString) =>
        RunAsync("pg_restore", connectionString, ["--no-owner", "--exit-on-error", file]);

    private static async Task RunAsync(string tool, string connectionString, string[] args)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Locate(tool)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args.Concat([$"--host={connection.Host}", $"--port={connection.Port}", $"--username={connection.Username}", $"--dbname={connection.Database}"]))
        {
            start.ArgumentList.Add(arg);
        }

        if (connection.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {await output}{await errors}");
    }

    private static string Locate(string tool)
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin", tool))
                .Where(File.Exists)
                .OrderBy(path => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))), out var major) ? major : 0)
                .LastOrDefault()
            : null;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
        var found = installed ?? onPath;
        RequiredComponent.Require(found is not null, tool, "install PostgreSQL's client tools, or run ./test.sh, which installs them");
        return found!;
    }
}
