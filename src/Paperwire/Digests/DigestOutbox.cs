using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Digests;
using Paperwire.Storage;

namespace Paperwire.Digests;

/// <summary>
/// The outbox table: a run first writes one row per due subscriber (idempotent: the (subscription, period) key
/// makes a second run, or a second node, add nothing), then the sender works through the pending rows.
/// </summary>
public sealed class DigestOutbox(PaperwireDbContext db, TimeProvider clock)
{
    // Daily subscribers are due every day, or only on weekdays when they skip weekends; weekly ones on their weekday.
    private const string EnqueueWeekday = """
        INSERT INTO digest_deliveries ("SubscriptionId", "Period", "Status", "Attempts", "NextAttemptAt", "CreatedAt")
        SELECT s."Id", {0}, 0, 0, {1}, {1} FROM digest_subscriptions s
        WHERE s."Status" = 1 AND (s."Frequency" = 0 OR (s."Frequency" = 1 AND s."Weekday" = {2}))
        ON CONFLICT ("SubscriptionId", "Period") DO NOTHING
        """;

    private const string EnqueueWeekend = """
        INSERT INTO digest_deliveries ("SubscriptionId", "Period", "Status", "Attempts", "NextAttemptAt", "CreatedAt")
        SELECT s."Id", {0}, 0, 0, {1}, {1} FROM digest_subscriptions s
        WHERE s."Status" = 1 AND ((s."Frequency" = 0 AND s."SkipWeekends" = {3}) OR (s."Frequency" = 1 AND s."Weekday" = {2}))
        ON CONFLICT ("SubscriptionId", "Period") DO NOTHING
        """;

    /// <summary>Queues the digest of <paramref name="day"/> for every active subscriber due that day; returns the rows added.</summary>
    public Task<int> EnqueueAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var now = Timestamp(clock.GetUtcNow());
        var sql = DigestPeriod.IsWeekend(day) ? EnqueueWeekend : EnqueueWeekday;
        return db.Database.ExecuteSqlRawAsync(sql, [new DigestPeriod(day, DigestFrequency.Daily).Key, now, (int)DigestPeriod.WeeklyArrival(day), false], cancellationToken);
    }

    /// <summary>For a dry run: how many active subscribers the run for <paramref name="day"/> would queue, and how many rows it already has.</summary>
    public async Task<(int Due, int Queued)> CountAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var weekend = DigestPeriod.IsWeekend(day);
        var weekday = DigestPeriod.WeeklyArrival(day);
        var due = await db.DigestSubscriptions.CountAsync(
            s => s.Status == SubscriptionStatus.Active
                && ((s.Frequency == DigestFrequency.Daily && (!weekend || !s.SkipWeekends)) || (s.Frequency == DigestFrequency.Weekly && s.Weekday == weekday)),
            cancellationToken);
        var key = new DigestPeriod(day, DigestFrequency.Daily).Key;
        return (due, await db.DigestDeliveries.CountAsync(d => d.Period == key, cancellationToken));
    }

    /// <summary>The next pending rows that are due, with their subscriptions, oldest first; a suspended or unsubscribed subscriber's rows wait.</summary>
    public async Task<IReadOnlyList<(DigestDelivery Delivery, DigestSubscription Subscription)>> ClaimAsync(string? period, int count, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = db.DigestDeliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now);
        if (period is not null)
        {
            rows = rows.Where(d => d.Period == period);
        }

        var batch = await rows.OrderBy(d => d.Id)
            .Join(db.DigestSubscriptions.AsNoTracking().Where(s => s.Status == SubscriptionStatus.Active), d => d.SubscriptionId, s => s.Id, (d, s) => new { d, s })
            .Take(count)
            .ToListAsync(cancellationToken);
        return [.. batch.Select(x => (x.d, x.s))];
    }

    /// <summary>The earliest time a pending row of <paramref name="period"/> may be tried again; null when none is pending.</summary>
    public Task<DateTimeOffset?> NextAttemptAsync(string? period, CancellationToken cancellationToken) =>
        db.DigestDeliveries.Where(d => d.Status == DeliveryStatus.Pending && (period == null || d.Period == period)
                && db.DigestSubscriptions.Any(s => s.Id == d.SubscriptionId && s.Status == SubscriptionStatus.Active))
            .MinAsync(d => (DateTimeOffset?)d.NextAttemptAt, cancellationToken);

    // The column holds UTC ticks on SQLite (see UtcTicksConverter) and timestamptz on PostgreSQL.
    private object Timestamp(DateTimeOffset value) => db.Database.IsSqlite() ? value.UtcTicks : value;
}
