using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paperwire.Ingest.ArxivApi;
using Paperwire.Ingest.Oai;
using Paperwire.Ingest.Pipeline;
using Paperwire.Storage.Coordination;

namespace Paperwire.Ingest.Scheduling;

/// <summary>
/// The daily harvest as a hosted service. Every node runs the timer; only the node that takes the
/// <c>harvest</c> lease harvests. A failed run is logged and tried again the next day; it never stops the host.
/// </summary>
public sealed class ScheduledHarvest(
    IServiceScopeFactory scopes,
    IOptions<HarvestScheduleOptions> options,
    IOptions<ArxivTitleMatchOptions> titleMatch,
    TimeProvider clock,
    ILogger<ScheduledHarvest> logger) : BackgroundService, IScheduledJob
{
    public const string LeaseName = "harvest";

    /// <summary>
    /// Held after the run too, so a node whose timer fires a little later does not harvest the same day again;
    /// longer than any harvest, shorter than a day, so tomorrow's run (on any node) finds it expired.
    /// </summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromHours(12);

    private readonly string holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public string Name => LeaseName;

    public string Schedule => options.Value.Enabled
        ? $"daily at {options.Value.TimeUtc:HH\\:mm} UTC, sets {options.Value.Sets}"
        : $"off ({HarvestScheduleOptions.Section}:Enabled=false)";

    public DateTimeOffset? NextRunAfter(DateTimeOffset now) => options.Value.Enabled ? NextRun(now, options.Value.TimeUtc) : null;

    /// <summary>The next run strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly timeUtc)
    {
        var today = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).ToDateTime(timeUtc), TimeSpan.Zero);
        return today > now ? today : today.AddDays(1);
    }

    /// <summary>Runs one harvest if this node gets the lease. Returns whether it ran; never throws for a failed harvest.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
        if (!await leases.TryAcquireAsync(LeaseName, holder, LeaseDuration, cancellationToken))
        {
            logger.LogInformation("Scheduled harvest skipped: another node holds the {Lease} lease", LeaseName);
            return false;
        }

        var runs = scope.ServiceProvider.GetRequiredService<ScheduledJobRuns>();
        var startedAt = clock.GetUtcNow();
        var done = new List<string>();
        try
        {
            var harvester = scope.ServiceProvider.GetRequiredService<OaiHarvester>();
            var from = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-options.Value.LookbackDays);
            foreach (var set in options.Value.SetList)
            {
                var summary = await harvester.HarvestAsync(new OaiHarvestRequest(set, from), new ImportOptions(), null, cancellationToken);
                logger.LogInformation("Scheduled harvest of set {Set} from {From}: {Summary}", set, from, summary.ToString());
                done.Add($"{set} from {from:yyyy-MM-dd}: {summary}");
            }

            await runs.RecordAsync(LeaseName, startedAt, succeeded: true, string.Join("; ", done), cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(error, "Scheduled harvest failed; it runs again at the next scheduled time");
            await runs.RecordAsync(LeaseName, startedAt, succeeded: false, string.Join("; ", [.. done, error.Message]), CancellationToken.None);
        }

        if (titleMatch.Value.Enabled)
        {
            // Papers known only by title (the demo corpus) that arXiv did not answer for last time get another try.
            try
            {
                await scope.ServiceProvider.GetRequiredService<ArxivTitleMatcher>().RunAsync(cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogError(error, "Matching papers to arXiv by title failed; it runs again after the next harvest");
            }
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = NextRun(now, options.Value.TimeUtc);
            logger.LogInformation("Next scheduled harvest of {Sets} at {Next:u}", options.Value.Sets, next);
            await Task.Delay(next - now, clock, stoppingToken);
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The lease table itself was unreachable: log, and try again tomorrow.
                logger.LogError(error, "Scheduled harvest could not start");
            }
        }
    }
}
