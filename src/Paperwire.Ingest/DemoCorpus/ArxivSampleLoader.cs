using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paperwire.Ingest.Pipeline;
using Paperwire.Ingest.Snapshot;
using Paperwire.Storage;

namespace Paperwire.Ingest.DemoCorpus;

/// <summary>
/// On a first start, loads the shipped arXiv sample into the catalog in the background, so search and
/// similar papers have real data at once while the site is already serving. Runs only when the catalog
/// holds no arXiv paper yet; a failure is logged and never stops the host.
/// </summary>
public sealed class ArxivSampleLoader(IServiceScopeFactory scopes, IOptions<DemoCorpusOptions> options, ILogger<ArxivSampleLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || !settings.ArxivSample)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PaperwireDbContext>();
            // Demo papers have local ids (pw-…); any other id means arXiv data is already here.
            if (await db.Papers.AnyAsync(p => !p.Id.StartsWith("pw-"), stoppingToken))
            {
                return;
            }

            logger.LogInformation("Loading the arXiv sample into the catalog in the background: {Path}", settings.ArxivSamplePath);
            var importer = scope.ServiceProvider.GetRequiredService<SnapshotImporter>();
            var summary = await importer.ImportAsync(settings.ArxivSamplePath, SnapshotFilter.All, new ImportOptions(), new LogProgress(logger), stoppingToken);
            logger.LogInformation("Loaded the arXiv sample: {Summary}", summary.ToString());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; the next start finds the catalog partly loaded and fills in the rest.
        }
        catch (Exception error)
        {
            logger.LogError(error, "Loading the arXiv sample failed; the site keeps running without it");
        }
    }

    private sealed class LogProgress(ILogger logger) : IProgress<ImportProgress>
    {
        private int lastLogged;

        public void Report(ImportProgress value)
        {
            if (value.Summary.Processed - lastLogged < 1000)
            {
                return;
            }

            lastLogged = value.Summary.Processed;
            logger.LogInformation("arXiv sample: {Records} records so far ({Percent:P0} of the file)", value.Summary.Processed, value.Total is > 0 ? (double)value.Done / value.Total.Value : 0);
        }
    }
}
