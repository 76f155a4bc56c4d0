using Microsoft.Extensions.Options;

namespace Paperwire.Digests;

/// <summary>
/// Every <see cref="DigestOptions.HousekeepingInterval"/>: reads the unsubscribe mailbox (<see cref="UnsubscribeMailbox"/>)
/// and removes never-confirmed requests whose link has expired. Both are idempotent, so every node may run it.
/// Off with the rest of the digest's background work (<c>Digests:Schedule:Enabled=false</c>). Failures are logged,
/// never stop the host.
/// </summary>
public sealed class DigestHousekeeping(
    IServiceScopeFactory scopes, IOptions<DigestOptions> options, IOptions<DigestScheduleOptions> schedule, TimeProvider clock, ILogger<DigestHousekeeping> logger) : BackgroundService
{
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var mailbox = scope.ServiceProvider.GetRequiredService<UnsubscribeMailbox>();
        if (mailbox.Enabled && await mailbox.ReadAsync(cancellationToken) is { } read && read != MailboxSummary.Empty)
        {
            logger.LogInformation("Unsubscribe mailbox: {Summary}", read.ToString());
        }

        var removed = await scope.ServiceProvider.GetRequiredService<DigestSubscriptions>().RemoveExpiredRequestsAsync(cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} digest requests that were never confirmed", removed);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!schedule.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "Digest housekeeping failed; trying again in {Interval}", options.Value.HousekeepingInterval);
            }

            await Task.Delay(options.Value.HousekeepingInterval, clock, stoppingToken);
        }
    }
}
