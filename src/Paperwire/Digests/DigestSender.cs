using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Paperwire.Core.Digests;
using Paperwire.Core.Operations;
using Paperwire.Storage;

namespace Paperwire.Digests;

public sealed record SendSummary(int Sent, int Skipped, int Failed, int Retrying)
{
    public override string ToString() => $"{Sent} sent, {Skipped} skipped (nothing matched), {Failed} failed, {Retrying} to retry";
}

/// <summary>
/// Works through the due rows of the outbox over one reused SMTP connection. Each row is recorded as sent while
/// the kernel holds the message's SMTP terminator, which is let go right after (<see cref="SmtpWireStream"/>): a
/// crash leaves every digest recorded, or pending and sent again; only a crash in the microseconds between the
/// two writes repeats a message, with the same Message-ID, and none loses one (docs/digests.md). Each batch's papers
/// are chosen on another thread while it is sent (<see cref="SelectionsAhead"/>).
/// </summary>
public sealed class DigestSender(
    PaperwireDbContext db, DigestOutbox outbox, IServiceScopeFactory scopes, DigestComposer composer, IOptions<DigestOptions> options, TimeProvider clock, PaperwireMetrics metrics, ILogger<DigestSender> logger)
{
    private readonly Dictionary<(string, DigestFrequency), PeriodPapers> periods = [];

    private DigestOptions Options => options.Value;

    /// <summary>
    /// Sends every due row (of <paramref name="period"/>, or of any period), calling <paramref name="renewLease"/> before
    /// each batch; stops early when it returns false. Rows waiting for a retry later are left for the next pass.
    /// </summary>
    public async Task<SendSummary> SendDueAsync(string? period, Func<CancellationToken, Task<bool>> renewLease, CancellationToken cancellationToken)
    {
        if (!Options.Smtp.Enabled)
        {
            throw new InvalidOperationException("Digests:Smtp:Host is not set; digests are only sent over SMTP.");
        }

        await using var smtp = new SmtpSession(Options.Smtp);
        // One open connection for the whole run, so the recorder's prepared statement stays valid.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var recorder = await SentRecorder.PrepareAsync(db, cancellationToken);
            await using var ahead = new SelectionsAhead(scopes);
            return await SendBatchesAsync(smtp, recorder, ahead, period, renewLease, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<SendSummary> SendBatchesAsync(
        SmtpSession smtp, SentRecorder recorder, SelectionsAhead ahead, string? period, Func<CancellationToken, Task<bool>> renewLease, CancellationToken cancellationToken)
    {
        int sent = 0, skipped = 0, failed = 0, retrying = 0;
        while (!cancellationToken.IsCancellationRequested && await renewLease(cancellationToken))
        {
            var batch = await outbox.ClaimAsync(period, Options.BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var rows = new List<(DigestSubscription, PeriodPapers)>(batch.Count);
            foreach (var (delivery, subscription) in batch)
            {
                rows.Add((subscription, await PapersAsync(PeriodOf(delivery, subscription), cancellationToken)));
            }

            var chosen = await ahead.StartAsync(rows, cancellationToken);
            for (var i = 0; i < batch.Count && !cancellationToken.IsCancellationRequested; i++)
            {
                var (delivery, subscription) = batch[i];
                var outcome = await DeliverAsync(smtp, recorder, delivery, subscription, await chosen[i], cancellationToken);
                switch (outcome)
                {
                    case DeliveryStatus.Sent: sent++; break;
                    case DeliveryStatus.Skipped: skipped++; break;
                    case DeliveryStatus.Failed: failed++; break;
                    default: retrying++; break;
                }

                metrics.DigestDelivered(outcome == DeliveryStatus.Pending ? "retrying" : outcome.ToString().ToLowerInvariant());
            }
        }

        return new SendSummary(sent, skipped, failed, retrying);
    }

    private static DigestPeriod PeriodOf(DigestDelivery delivery, DigestSubscription subscription) =>
        new(DateOnly.ParseExact(delivery.Period, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), subscription.Frequency);

    private async Task<DeliveryStatus> DeliverAsync(
        SmtpSession smtp, SentRecorder recorder, DigestDelivery delivery, DigestSubscription subscription, DigestSelection chosen, CancellationToken cancellationToken)
    {
        if (chosen.Papers.Count == 0)
        {
            await SetAsync(delivery.Id, DeliveryStatus.Skipped, delivery.Attempts, null, cancellationToken);
            return DeliveryStatus.Skipped;
        }

        var message = composer.Compose(subscription, PeriodOf(delivery, subscription), chosen);
        var committed = false;
        Exception? recordFailure = null;
        async Task RecordAsync(CancellationToken token)
        {
            // The terminator is written but held in the socket, and the server's answer not yet read (docs/digests.md).
            try
            {
                await recorder.RecordAsync(delivery.Id, delivery.Attempts + 1, message.MessageId!, clock.GetUtcNow(), token);
                committed = true;
            }
            catch (Exception error)
            {
                recordFailure = error;
                throw;
            }
        }

        try
        {
            // Not cancellable: a shutdown waits for the message in hand (bounded by the SMTP timeout) rather than cut it after the commit.
            await smtp.SendAsync(message, RecordAsync, CancellationToken.None);
        }
        catch (Exception error) when (recordFailure is null && DeliveryFailure.IsDeliveryError(error))
        {
            return await FailAsync(delivery, subscription, error, committed, cancellationToken);
        }
        catch when (recordFailure is not null)
        {
            // The database, not the mail server, failed: stop the run; the row is still pending and is sent again later.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(recordFailure).Throw();
            throw;
        }

        if (subscription.ConsecutiveFailures > 0)
        {
            await db.DigestSubscriptions.Where(s => s.Id == subscription.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ConsecutiveFailures, 0), cancellationToken);
        }

        return DeliveryStatus.Sent;
    }

    /// <summary>Transient: back to pending with exponential backoff (until attempts run out). Permanent: failed, and the subscription may be suspended.</summary>
    private async Task<DeliveryStatus> FailAsync(DigestDelivery delivery, DigestSubscription subscription, Exception error, bool committed, CancellationToken cancellationToken)
    {
        var attempts = delivery.Attempts + 1;
        var transient = DeliveryFailure.IsTransient(error) && attempts < Options.MaxAttempts;
        logger.LogWarning("Digest {Period} to subscription {Subscription} failed (attempt {Attempts}, {Kind}{Committed}): {Error}",
            delivery.Period, subscription.Id, attempts, transient ? "will retry" : "permanent", committed ? ", after recording it as sent" : "", DeliveryFailure.Describe(error));
        if (transient)
        {
            var backoff = Options.RetryBackoff * Math.Pow(2, attempts - 1);
            await SetAsync(delivery.Id, DeliveryStatus.Pending, attempts, DeliveryFailure.Describe(error), cancellationToken, clock.GetUtcNow() + backoff);
            return DeliveryStatus.Pending;
        }

        await SetAsync(delivery.Id, DeliveryStatus.Failed, attempts, DeliveryFailure.Describe(error), cancellationToken);
        var failures = subscription.ConsecutiveFailures + 1;
        var suspend = failures >= Options.MaxConsecutiveFailures;
        await db.DigestSubscriptions.Where(s => s.Id == subscription.Id).ExecuteUpdateAsync(
            s => s.SetProperty(x => x.ConsecutiveFailures, failures)
                .SetProperty(x => x.Status, x => suspend && x.Status == SubscriptionStatus.Active ? SubscriptionStatus.Suspended : x.Status),
            cancellationToken);
        if (suspend)
        {
            logger.LogWarning("Subscription {Subscription} suspended after {Failures} permanent failures in a row", subscription.Id, failures);
        }

        return DeliveryStatus.Failed;
    }

    private Task<int> SetAsync(long id, DeliveryStatus status, int attempts, string? error, CancellationToken cancellationToken, DateTimeOffset? nextAttempt = null) =>
        db.DigestDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(
            row => row.SetProperty(d => d.Status, status).SetProperty(d => d.Attempts, attempts).SetProperty(d => d.LastError, error)
                .SetProperty(d => d.NextAttemptAt, d => nextAttempt ?? d.NextAttemptAt)
                .SetProperty(d => d.SentAt, d => status == DeliveryStatus.Sent ? d.SentAt : null),
            cancellationToken);

    private async Task<PeriodPapers> PapersAsync(DigestPeriod period, CancellationToken cancellationToken)
    {
        if (!periods.TryGetValue((period.Key, period.Frequency), out var papers))
        {
            papers = await PeriodPapers.LoadAsync(db, period, cancellationToken);
            periods[(period.Key, period.Frequency)] = papers;
        }

        return papers;
    }
}
