using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Hosting;
using Paperwire.Ingest.Pipeline;
using Paperwire.Ingest.Snapshot;

namespace Paperwire.Cli;

/// <summary><c>paperwire import snapshot FILE</c> (and <c>import hf</c>): bulk-load papers into the catalog.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var import = new Command("import", "Bulk-load papers into the catalog.");
        import.Subcommands.Add(CreateSnapshot());
        import.Subcommands.Add(ImportHfCommand.Create());
        return import;
    }

    /// <summary>The <c>--rejects FILE</c> option every import and harvest shares.</summary>
    public static Option<string> RejectsOption() => new("--rejects")
    {
        Description = "Write every rejected record with its reason to FILE (JSON lines).",
        HelpName = "FILE",
    };

    private static Command CreateSnapshot()
    {
        var file = new Argument<string>("FILE") { Description = "The arXiv metadata snapshot: JSON lines, plain or .gz." };
        var categories = new Option<string>("--categories") { Description = "Only these categories, e.g. cs.*,stat.ML.", HelpName = "LIST" };
        var since = new Option<string>("--since") { Description = "Only records updated on or after this date (YYYY-MM-DD).", HelpName = "DATE" };
        var rejects = RejectsOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Parse and validate every record, report what would be rejected, store nothing." };
        var command = new Command("snapshot", "Import the arXiv metadata snapshot (streamed; never loaded whole).") { file, categories, since, rejects, dryRun };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var sinceText = parseResult.GetValue(since);
            DateOnly? sinceDate = null;
            if (sinceText is not null)
            {
                if (!DateOnly.TryParseExact(sinceText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    Console.Error.WriteLine($"error: --since: '{sinceText}' is not a date like 2025-01-31.");
                    return 2;
                }

                sinceDate = parsed;
            }

            var settings = CliErrors.Guard(() => new PaperwireSettings(CommonOptions.ResolveDataDirectory(parseResult), CommonOptions.ResolveDatabase(parseResult)));
            if (settings is null)
            {
                return 2;
            }

            var path = parseResult.GetValue(file)!;
            var exitCode = 0;
            var failed = await CliErrors.RunAsync(async () =>
            {
                using var host = PaperwireCommandHost.Create(settings);
                await host.MigrateAsync(cancellationToken);
                await using var scope = host.Services.CreateAsyncScope();
                var importer = scope.ServiceProvider.GetRequiredService<SnapshotImporter>();
                exitCode = await ImportReporting.RunAsync($"import {Path.GetFileName(path)}", parseResult.GetValue(rejects), (options, progress) =>
                    importer.ImportAsync(path, SnapshotFilter.Create(parseResult.GetValue(categories), sinceDate), options, progress, cancellationToken), parseResult.GetValue(dryRun));
            });
            return failed != 0 ? failed : exitCode;
        });
        return command;
    }
}
