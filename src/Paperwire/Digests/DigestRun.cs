using Microsoft.Extensions.Options;
using Paperwire.Storage.Coordination;

namespace Paperwire.Digests;

/// <summary>
/// One digest run under the <c>digests</c> lease, so with several nodes exactly one sends: queue the period's
/// rows, then send. The lease is short and renewed before every batch; if the holder dies, it expires and the next
/// node's run takes over the rows still pending.
/// </summary>
public sealed class DigestRun(JobLeases leases, DigestOutbox outbox, DigestSender sender, IOptions<DigestOptions> options, ILogger<DigestRun> logger)
{
    public const string LeaseName = "digests";

    private readonly string holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Queues and sends the digest of <paramref name="day"/>; null when another node holds the lease.</summary>
    public async Task<SendSummary?> RunAsync(DateOnly day, CancellationToken cancellationToken)
    {
        // Checked before queueing: without a server the run would only fill the outbox.
        if (!options.Value.Smtp.Enabled)
        {
            throw new InvalidOperationException("Digests:Smtp:Host is not set; digests are only sent over SMTP.");
        }

        if (!await leases.TryAcquireAsync(LeaseName, holder, options.Value.LeaseDuration, cancellationToken))
        {
            logger.LogInformation("Digest run for {Day} skipped: another node holds the {Lease} lease", day, LeaseName);
            return null;
        }

        try
        {
            var queued = await outbox.EnqueueAsync(day, cancellationToken);
            logger.LogInformation("Digest run for {Day}: {Queued} digests queued", day, queued);
            return await sender.SendDueAsync(new DigestPeriod(day, Core.Digests.DigestFrequency.Daily).Key, RenewAsync, cancellationToken);
        }
        finally
        {
            await leases.ReleaseAsync(LeaseName, holder, CancellationToken.None);
        }
    }

    /// <summary>Retries of any period whose backoff has passed; null when another node holds the lease.</summary>
    public async Task<SendSummary?> RetryDueAsync(CancellationToken cancellationToken)
    {
        if (!await leases.TryAcquireAsync(LeaseName, holder, options.Value.LeaseDuration, cancellationToken))
        {
            return null;
        }

        try
        {
            return await sender.SendDueAsync(null, RenewAsync, cancellationToken);
        }
        finally
        {
            await leases.ReleaseAsync(LeaseName, holder, CancellationToken.None);
        }
    }

    /// <summary>When the next pending retry of <paramref name="day"/> is due; null when nothing is pending.</summary>
    public Task<DateTimeOffset?> NextRetryAsync(DateOnly day, CancellationToken cancellationToken) =>
        outbox.NextAttemptAsync(new DigestPeriod(day, Core.Digests.DigestFrequency.Daily).Key, cancellationToken);

    private Task<bool> RenewAsync(CancellationToken cancellationToken) => leases.TryAcquireAsync(LeaseName, holder, options.Value.LeaseDuration, cancellationToken);
}
