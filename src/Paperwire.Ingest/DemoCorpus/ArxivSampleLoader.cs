using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paperwire.Ingest.Pipeline;

namespace Paperwire.Ingest.DemoCorpus;

/// <summary>
/// On a first start, loads the shipped arXiv sample into the catalog in the background, so search and
/// similar papers have real data at once while the site is already serving; after an upgrade that ships a
/// changed sample, refreshes the papers it put there (<see cref="ArxivSampleSync"/>). A failure is logged and
/// never stops the host.
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
            var sync = scope.ServiceProvider.GetRequiredService<ArxivSampleSync>();
            var (result, summary) = await sync.RunAsync(settings.ArxivSamplePath, new LogProgress(logger), stoppingToken);
            if (result == SampleSyncResult.Loaded)
            {
                logger.LogInformation("Loaded the arXiv sample: {Summary} ({Path})", summary?.ToString(), settings.ArxivSamplePath);
            }
            else if (result == SampleSyncResult.Refreshed)
            {
                logger.LogInformation("Refreshed the catalog's copies of a changed arXiv sample: {Summary} ({Path})", summary?.ToString(), settings.ArxivSamplePath);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; the next start finds the load unfinished and runs it again.
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
