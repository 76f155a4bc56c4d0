using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Backups;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.Cli;

/// <summary>
/// <c>paperwire backup --out FILE</c> (while the server runs) and <c>paperwire restore FILE --data DIR</c> (into a new
/// folder): one archive holding what a SQLite deployment needs to serve again at once (docs/backup.md).
/// </summary>
public static class BackupCommand
{
    private static readonly Option<string> Out = new("--out")
    {
        Description = "The archive to write (e.g. paperwire-2026-05-29.tar.gz); its folder must exist, the file must not.",
        HelpName = "FILE",
        Required = true,
    };

    private static readonly Argument<string> Archive = new("FILE") { Description = "A backup archive written by paperwire backup." };

    public static Command Create()
    {
        var command = new Command("backup", "Write a consistent backup of a SQLite deployment (database, search index) into one archive, also while the server runs.");
        command.Options.Add(Out);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = CliErrors.Guard(() => new PaperwireSettings(CommonOptions.ResolveDataDirectory(parseResult), CommonOptions.ResolveDatabase(parseResult)));
            if (settings is null)
            {
                return 2;
            }

            if (settings.Database.Provider != DatabaseProvider.Sqlite)
            {
                return CliErrors.Usage(BackupWriter.PostgresRefusal(settings.Database));
            }

            return await CliErrors.RunAsync(async () =>
            {
                // No migration: a backup copies the database as it is and writes nothing to it.
                using var host = PaperwireCommandHost.Create(settings);
                var writer = host.Services.GetRequiredService<BackupWriter>();
                var summary = await writer.WriteAsync(parseResult.GetValue(Out)!, Console.WriteLine, cancellationToken);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Backed up {Counts(summary.Manifest)} into {summary.Path} ({BackupWriter.Megabytes(summary.Bytes)}, {summary.Manifest.Files.Count} file{(summary.Manifest.Files.Count == 1 ? "" : "s")}) in {summary.Elapsed.TotalSeconds:F1} s."));
            });
        });
        return command;
    }

    public static Command CreateRestore()
    {
        var command = new Command("restore", "Restore a backup archive into a new or empty data folder (--data DIR).");
        command.Arguments.Add(Archive);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var data = CommonOptions.ResolveDataDirectory(parseResult);
            var database = parseResult.GetValue(CommonOptions.Database) ?? Environment.GetEnvironmentVariable("Paperwire__Database");
            if (!string.IsNullOrWhiteSpace(database))
            {
                return CliErrors.Usage(database.Contains("Host=", StringComparison.OrdinalIgnoreCase)
                    ? "paperwire restore writes a SQLite data folder; a PostgreSQL database is restored with pg_restore (see docs/backup.md)."
                    : "paperwire restore puts the database into the data folder (DIR/paperwire.db): leave out --database and Paperwire__Database, and name the folder with --data.");
            }

            return await CliErrors.RunAsync(async () =>
            {
                var manifest = await BackupRestorer.RestoreAsync(parseResult.GetValue(Archive)!, data, Console.WriteLine, cancellationToken);
                var target = Path.GetFullPath(data);
                Console.WriteLine($"Restored {Counts(manifest)} from the backup of {manifest.CreatedAt:u} into {target}.");
                Console.WriteLine(manifest.SearchGeneration is null
                    ? $"The search index is built from the database when the server starts: paperwire serve --data {target}"
                    : $"Start the server on it: paperwire serve --data {target}");
            });
        });
        return command;
    }

    private static string Counts(BackupManifest manifest) => manifest.Counts.Count == 0
        ? "an empty database"
        : string.Join(", ", manifest.Counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Value:N0} {c.Key}")));
}
