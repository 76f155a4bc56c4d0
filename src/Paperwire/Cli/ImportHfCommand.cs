using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Paperwire.Core.Feed;
using Paperwire.Hosting;
using Paperwire.Ingest.HuggingFace;

namespace Paperwire.Cli;

/// <summary>
/// <c>paperwire import hf FILE|URL [--date D | --week W | --month M] [--rejects FILE]</c>: mirror a Hugging Face
/// daily-papers feed (a saved JSON file, huggingface.co, or another Paperwire) with feed dates, upvotes,
/// submitters and organizations.
/// </summary>
public static class ImportHfCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source")
        {
            Description = "A daily-papers JSON file (an array of /api/daily_papers items), or the base address of a server answering /api/daily_papers (https://huggingface.co, another Paperwire).",
            HelpName = "FILE|URL",
        };
        var date = new Option<string>("--date") { Description = "Only this feed day, YYYY-MM-DD.", HelpName = "DATE" };
        var week = new Option<string>("--week") { Description = "Only this ISO week, YYYY-Www.", HelpName = "WEEK" };
        var month = new Option<string>("--month") { Description = "Only this month, YYYY-MM.", HelpName = "MONTH" };
        var rejects = new Option<string>("--rejects") { Description = "Write every rejected item with its reason to FILE (JSON lines).", HelpName = "FILE" };
        var command = new Command("hf", "Import Hugging Face daily papers (a file or a server, paged) with feed dates, upvotes, submitters and organizations.")
        {
            source, date, week, month, rejects,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!TryParseWindow(parseResult.GetValue(date), parseResult.GetValue(week), parseResult.GetValue(month), out var window, out var problem))
            {
                Console.Error.WriteLine($"error: {problem}");
                return 2;
            }

            var settings = CliErrors.Guard(() => new PaperwireSettings(CommonOptions.ResolveDataDirectory(parseResult), CommonOptions.ResolveDatabase(parseResult)));
            if (settings is null)
            {
                return 2;
            }

            var request = new HfImportRequest(parseResult.GetValue(source)!, window);
            var title = $"import hf {(request.TryGetBaseAddress(out var address) ? address.Authority : Path.GetFileName(request.Source))}";
            var exitCode = 0;
            var failed = await CliErrors.RunAsync(async () =>
            {
                using var host = PaperwireCommandHost.Create(settings);
                await host.MigrateAsync(cancellationToken);
                await using var scope = host.Services.CreateAsyncScope();
                var importer = scope.ServiceProvider.GetRequiredService<HuggingFaceImporter>();
                exitCode = await ImportReporting.RunAsync(title, parseResult.GetValue(rejects), (options, progress) =>
                    importer.ImportAsync(request, options, progress, cancellationToken));
            });
            return failed != 0 ? failed : exitCode;
        });
        return command;
    }

    /// <summary>At most one of --date, --week and --month, each in the format the daily-papers API uses.</summary>
    public static bool TryParseWindow(string? date, string? week, string? month, out FeedWindow? window, out string? problem)
    {
        window = null;
        problem = null;
        if (new[] { date, week, month }.Count(v => v is not null) > 1)
        {
            problem = "give at most one of --date, --week and --month.";
            return false;
        }

        FeedWindow? parsed = null;
        var ok = date is not null ? FeedWindow.TryParseDay(date, out parsed)
            : week is not null ? FeedWindow.TryParseWeek(week, out parsed)
            : month is null || FeedWindow.TryParseMonth(month, out parsed);
        if (!ok)
        {
            problem = date is not null ? $"--date: '{date}' is not a date as YYYY-MM-DD, e.g. 2025-04-07."
                : week is not null ? $"--week: '{week}' is not an ISO week as YYYY-Www, e.g. 2025-W15."
                : $"--month: '{month}' is not a month as YYYY-MM, e.g. 2025-04.";
            return false;
        }

        window = parsed;
        return true;
    }
}
