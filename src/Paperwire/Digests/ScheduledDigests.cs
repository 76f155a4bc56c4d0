using Microsoft.Extensions.Options;
using Paperwire.Storage.Coordination;

namespace Paperwire.Digests;

/// <summary>
/// The digest schedule. Every node runs the timer; <see cref="DigestRun"/> takes the lease, so one node sends. Each
/// day at <see cref="DigestScheduleOptions.TimeUtc"/> it sends the previous feed day's digest (weekly subscribers on
/// their weekday); between runs it retries what failed transiently. Failures are logged, never stop the host.
/// </summary>
public sealed class ScheduledDigests(
    IServiceScopeFactory scopes, IOptions<DigestScheduleOptions> schedule, IOptions<DigestOptions> digests, TimeProvider clock, ILogger<ScheduledDigests> logger) : BackgroundService, IScheduledJob
{
    public string Name => DigestRun.LeaseName;

    public string Schedule => !schedule.Value.Enabled ? "off (Digests:Schedule:Enabled=false)"
        : !digests.Value.Smtp.Enabled ? "off (Digests:Smtp:Host is not set)"
        : $"daily at {schedule.Value.TimeUtc:HH\\:mm} UTC, retries every {schedule.Value.RetryInterval}";

    public DateTimeOffset? NextRunAfter(DateTimeOffset now) =>
        schedule.Value.Enabled && digests.Value.Smtp.Enabled ? NextRun(now, schedule.Value.TimeUtc) : null;

    /// <summary>The next daily run strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly timeUtc)
    {
        var today = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime).ToDateTime(timeUtc), TimeSpan.Zero);
        return today > now ? today : today.AddDays(1);
    }

    /// <summary>The feed day a run starting at <paramref name="runAt"/> sends: the day before.</summary>
    public static DateOnly PeriodOf(DateTimeOffset runAt) => DateOnly.FromDateTime(runAt.UtcDateTime).AddDays(-1);

    /// <summary>Runs the digest of the day before <paramref name="runAt"/>; false when another node holds the lease or it failed.</summary>
    public async Task<bool> RunOnceAsync(DateTimeOffset runAt, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var startedAt = clock.GetUtcNow();
        try
        {
            var summary = await scope.ServiceProvider.GetRequiredService<DigestRun>().RunAsync(PeriodOf(runAt), cancellationToken);
            if (summary is not null)
            {
                logger.LogInformation("Digest run for {Day}: {Summary}", PeriodOf(runAt), summary.ToString());
                await scope.ServiceProvider.GetRequiredService<ScheduledJobRuns>()
                    .RecordAsync(Name, startedAt, succeeded: true, $"{PeriodOf(runAt):yyyy-MM-dd}: {summary}", cancellationToken);
            }

            return summary is not null;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(error, "Digest run for {Day} failed; pending digests are retried", PeriodOf(runAt));
            await scope.ServiceProvider.GetRequiredService<ScheduledJobRuns>()
                .RecordAsync(Name, startedAt, succeeded: false, $"{PeriodOf(runAt):yyyy-MM-dd}: {error.Message}", CancellationToken.None);
            return false;
        }
    }

    private DateTimeOffset startedAt;

    /// <summary>
    /// Notes the start time while the host starts: since .NET 10 <see cref="ExecuteAsync"/> runs wholly on the thread
    /// pool and may begin later, and a run due in that gap must still be sent (late), not skipped to tomorrow.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        startedAt = clock.GetUtcNow();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!schedule.Value.Enabled || !digests.Value.Smtp.Enabled)
        {
            logger.LogInformation("Digest schedule is off ({Reason})", schedule.Value.Enabled ? "Digests:Smtp:Host is not set" : "Digests:Schedule:Enabled=false");
            return;
        }

        var next = NextRun(startedAt, schedule.Value.TimeUtc);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            if (now >= next)
            {
                await RunOnceAsync(next, stoppingToken);
                next = NextRun(next, schedule.Value.TimeUtc);
                continue;
            }

            await Task.Delay(Min(next - now, schedule.Value.RetryInterval), clock, stoppingToken);
            await RetryAsync(stoppingToken);
        }
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DigestRun>().RetryDueAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "Digest retries failed; trying again in {Interval}", schedule.Value.RetryInterval);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
