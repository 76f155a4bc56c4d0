using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Digests;
using Paperwire.Core.Operations;
using Paperwire.Search.Indexing;
using Paperwire.Storage;

namespace Paperwire.Operations;

/// <summary>
/// Reads what the gauges and <c>/admin/status</c> report: a handful of small, indexed queries. For metrics the result
/// is kept for <see cref="CacheFor"/>, so scrapes from several Prometheus servers (or a dashboard's refresh) never
/// run them more often than that.
/// </summary>
public sealed class OperationalReadingsSource(IServiceScopeFactory scopes, SearchIndexes indexes, PaperwireMetrics metrics, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim refreshing = new(1, 1);
    private long? takenAt;

    /// <summary>Refreshes <see cref="PaperwireMetrics.Readings"/> unless they are younger than <see cref="CacheFor"/>.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (Fresh())
        {
            return;
        }

        await refreshing.WaitAsync(cancellationToken);
        try
        {
            if (!Fresh())
            {
                metrics.Readings = await ReadAsync(cancellationToken);
                takenAt = clock.GetTimestamp();
            }
        }
        finally
        {
            refreshing.Release();
        }
    }

    /// <summary>Reads everything now (no cache).</summary>
    public async Task<OperationalReadings> ReadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaperwireDbContext>();
        var now = clock.GetUtcNow();
        var byStatus = await db.DigestDeliveries
            .Where(d => d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Failed)
            .GroupBy(d => d.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var oldestPending = await db.DigestDeliveries
            .Where(d => d.Status == DeliveryStatus.Pending)
            .OrderBy(d => d.CreatedAt)
            .Select(d => (DateTimeOffset?)d.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var leases = await db.JobLeases.AsNoTracking().Where(l => l.ExpiresAt > now).OrderBy(l => l.Job).ToListAsync(cancellationToken);
        var successes = await db.ScheduledJobRuns.AsNoTracking()
            .Where(r => r.LastSuccessAt != null)
            .Select(r => new { r.Job, r.LastSuccessAt })
            .ToListAsync(cancellationToken);
        var latestChange = await db.Papers.MaxAsync(p => (long?)p.ChangeSequence, cancellationToken) ?? 0;

        return new OperationalReadings(
            IndexLag: Math.Max(0, latestChange - indexes.Current.KeywordSequence),
            DigestsPending: byStatus.FirstOrDefault(s => s.Status == DeliveryStatus.Pending)?.Count ?? 0,
            DigestsFailed: byStatus.FirstOrDefault(s => s.Status == DeliveryStatus.Failed)?.Count ?? 0,
            OutboxAge: oldestPending is { } oldest && oldest < now ? now - oldest : TimeSpan.Zero,
            Leases: [.. leases.Select(l => new LeaseReading(l.Job, l.Holder))],
            LastSuccesses: [.. successes.Select(s => new JobSuccessReading(s.Job, s.LastSuccessAt!.Value))]);
    }

    private bool Fresh() => takenAt is { } taken && clock.GetElapsedTime(taken) < CacheFor;

    public void Dispose() => refreshing.Dispose();
}
