using System.CommandLine;
using System.Globalization;
using Paperwire.Hosting;
using Paperwire.Ingest.ArxivApi;
using Paperwire.Ingest.Http;
using Paperwire.Ingest.Oai;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Cli;

/// <summary>
/// <c>paperwire harvest oai</c> (OAI-PMH, resumable) and <c>paperwire harvest api</c> (the Atom search API):
/// fetch papers from arXiv, politely, into the catalog; <c>paperwire harvest titles</c> links local papers to arXiv.
/// </summary>
public static class HarvestCommand
{
    public static Command Create()
    {
        var harvest = new Command("harvest", "Fetch papers from arXiv into the catalog (OAI-PMH or the search API).");
        harvest.Subcommands.Add(CreateOai());
        harvest.Subcommands.Add(CreateApi());
        harvest.Subcommands.Add(CreateTitles());
        return harvest;
    }

    /// <summary><c>paperwire harvest titles</c>: what a serving node does after it starts, on demand.</summary>
    private static Command CreateTitles()
    {
        var command = new Command("titles", "Look up papers known only by title (local ids, like the demo corpus') on arXiv; link each exact match to its arXiv paper.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = CliErrors.Guard(() => new PaperwireSettings(CommonOptions.ResolveDataDirectory(parseResult), CommonOptions.ResolveDatabase(parseResult)));
            if (settings is null)
            {
                return 2;
            }

            TitleMatchSummary? summary = null;
            var failed = await CliErrors.RunAsync(async () =>
            {
                using var host = PaperwireCommandHost.Create(settings);
                await host.MigrateAsync(cancellationToken);
                await using var scope = host.Services.CreateAsyncScope();
                summary = await scope.ServiceProvider.GetRequiredService<ArxivTitleMatcher>().RunAsync(cancellationToken);
            });
            if (failed != 0 || summary is null)
            {
                return failed;
            }

            Console.WriteLine($"harvest titles: {summary.Asked} asked, {summary.Linked} linked to arXiv");
            if (summary.Unreachable)
            {
                Console.Error.WriteLine("error: arXiv could not be reached; the papers not linked keep their local ids. Run again later.");
                return 1;
            }

            return 0;
        });
        return command;
    }

    private static Option<string> BaseUrlOption(string configured) => new("--base-url")
    {
        Description = $"The arXiv endpoint to use instead of {configured} (a mirror); requests never leave its host.",
        HelpName = "URL",
    };

    private static Command CreateOai()
    {
        var set = new Option<string>("--set") { Description = "OAI set: cs, math, physics:hep-th, …", HelpName = "SET", Required = true };
        var from = new Option<string>("--from") { Description = "Records changed on or after this day (YYYY-MM-DD).", HelpName = "DATE", Required = true };
        var until = new Option<string>("--until") { Description = "Records changed on or before this day (YYYY-MM-DD).", HelpName = "DATE" };
        var format = new Option<string>("--format")
        {
            Description = "arXiv (parsed author names) or arXivRaw (every version's date).",
            HelpName = "FORMAT",
            DefaultValueFactory = _ => "arXiv",
        };
        format.AcceptOnlyFromAmong("arXiv", "arXivRaw");
        var baseUrl = BaseUrlOption(new ArxivOptions().OaiBaseUrl);
        var rejects = ImportCommand.RejectsOption();
        var command = new Command("oai", "Harvest records of an OAI-PMH set changed in a date range; run again with the same options to resume an interrupted harvest.")
        {
            set, from, until, format, baseUrl, rejects,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!TryParseDay(parseResult.GetValue(from), "--from", out var fromDay) || !TryParseDay(parseResult.GetValue(until), "--until", out var untilDay))
            {
                return 2;
            }

            var request = new OaiHarvestRequest(
                parseResult.GetValue(set)!,
                fromDay,
                untilDay,
                parseResult.GetValue(format) == "arXivRaw" ? OaiMetadataFormat.ArxivRaw : OaiMetadataFormat.Arxiv,
                parseResult.GetValue(baseUrl));
            if (!IsValid(request.Validate))
            {
                return 2;
            }

            return await RunAsync(parseResult, $"harvest oai {request.Set}", parseResult.GetValue(rejects), (services, options, progress) =>
                services.GetRequiredService<OaiHarvester>().HarvestAsync(request, options, progress, cancellationToken), cancellationToken);
        });
        return command;
    }

    private static Command CreateApi()
    {
        var query = new Option<string>("--query") { Description = "An arXiv search, e.g. \"cat:cs.CL AND ti:retrieval\" (newest first).", HelpName = "QUERY" };
        var ids = new Option<string>("--ids") { Description = "arXiv ids, comma-separated: 2501.00001,hep-th/9901001.", HelpName = "ID,ID" };
        var max = new Option<int>("--max")
        {
            Description = $"At most this many results (1–{ArxivApiRequest.MaxResults:N0}).",
            HelpName = "N",
            DefaultValueFactory = _ => ArxivApiRequest.DefaultMax,
        };
        var baseUrl = BaseUrlOption(new ArxivOptions().ApiBaseUrl);
        var rejects = ImportCommand.RejectsOption();
        var command = new Command("api", "Fetch the results of an arXiv search, or papers by id, through the arXiv API.")
        {
            query, ids, max, baseUrl, rejects,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var idList = parseResult.GetValue(ids)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var request = new ArxivApiRequest(parseResult.GetValue(query), idList, parseResult.GetValue(max), parseResult.GetValue(baseUrl));
            if (!IsValid(request.Validate))
            {
                return 2;
            }

            return await RunAsync(parseResult, "harvest api", parseResult.GetValue(rejects), (services, options, progress) =>
                services.GetRequiredService<ArxivApiHarvester>().HarvestAsync(request, options, progress, cancellationToken), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parseResult,
        string title,
        string? rejectsPath,
        Func<IServiceProvider, ImportOptions, IProgress<ImportProgress>, Task<ImportSummary>> harvest,
        CancellationToken cancellationToken)
    {
        var settings = CliErrors.Guard(() => new PaperwireSettings(CommonOptions.ResolveDataDirectory(parseResult), CommonOptions.ResolveDatabase(parseResult)));
        if (settings is null)
        {
            return 2;
        }

        var exitCode = 0;
        var failed = await CliErrors.RunAsync(async () =>
        {
            using var host = PaperwireCommandHost.Create(settings);
            await host.MigrateAsync(cancellationToken);
            await using var scope = host.Services.CreateAsyncScope();
            exitCode = await ImportReporting.RunAsync(title, rejectsPath, (options, progress) => harvest(scope.ServiceProvider, options, progress));
        });
        return failed != 0 ? failed : exitCode;
    }

    private static bool TryParseDay(string? text, string option, out DateOnly? day)
    {
        day = null;
        if (text is null)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            Console.Error.WriteLine($"error: {option}: '{text}' is not a date like 2025-01-31.");
            return false;
        }

        day = parsed;
        return true;
    }

    private static bool IsValid(Action validate)
    {
        try
        {
            validate();
            return true;
        }
        catch (InvalidInputException error)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return false;
        }
    }
}
