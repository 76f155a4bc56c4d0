using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paperwire.Ingest.ArxivApi;
using Paperwire.Storage.Coordination;

namespace Paperwire.Ingest.Scheduling;

/// <summary>
/// Once after a serving node starts (the demo corpus is loaded before the host starts): looks up the papers known
/// only by title on arXiv (<see cref="ArxivTitleMatcher"/>). One node of many does it, under a lease; a failure is
/// logged and never stops the host. The scheduled harvest runs the same matching after each harvest.
/// </summary>
public sealed class StartupTitleMatch(IServiceScopeFactory scopes, IOptions<ArxivTitleMatchOptions> options, ILogger<StartupTitleMatch> logger) : BackgroundService
{
    public const string LeaseName = "title-match";

    /// <summary>Longer than a run over the demo corpus at arXiv's pace (67 requests, 3 s apart).</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromHours(1);

    private readonly string holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
            if (!await leases.TryAcquireAsync(LeaseName, holder, LeaseDuration, stoppingToken))
            {
                return;
            }

            await scope.ServiceProvider.GetRequiredService<ArxivTitleMatcher>().RunAsync(stoppingToken);
            await leases.ReleaseAsync(LeaseName, holder, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; the next start or harvest matches what is left.
        }
        catch (Exception error)
        {
            logger.LogError(error, "Matching papers to arXiv by title failed; the site keeps running, and the next harvest tries again");
        }
    }
}
