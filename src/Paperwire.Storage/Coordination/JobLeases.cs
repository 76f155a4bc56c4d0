using Microsoft.EntityFrameworkCore;

namespace Paperwire.Storage.Coordination;

/// <summary>
/// Leases that let exactly one node run a scheduled job when several share one database. Taking a lease is
/// one atomic upsert that succeeds only when the lease is free, expired, or already ours.
/// </summary>
public sealed class JobLeases(PaperwireDbContext db, TimeProvider clock)
{
    private const string Acquire = """
        INSERT INTO job_leases ("Job", "Holder", "ExpiresAt") VALUES ({0}, {1}, {2})
        ON CONFLICT ("Job") DO UPDATE SET "Holder" = excluded."Holder", "ExpiresAt" = excluded."ExpiresAt"
        WHERE job_leases."ExpiresAt" < {3} OR job_leases."Holder" = excluded."Holder"
        """;

    private const string Release = """
        DELETE FROM job_leases WHERE "Job" = {0} AND "Holder" = {1}
        """;

    /// <summary>Takes or renews the lease on <paramref name="job"/> for <paramref name="duration"/>; false when another holder has it.</summary>
    public async Task<bool> TryAcquireAsync(string job, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Database.ExecuteSqlRawAsync(Acquire, [job, holder, Timestamp(now + duration), Timestamp(now)], cancellationToken);
        return rows == 1;
    }

    /// <summary>Gives the lease back early (a finished job), so another node need not wait for expiry.</summary>
    public Task ReleaseAsync(string job, string holder, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(Release, [job, holder], cancellationToken);

    // The column holds UTC ticks on SQLite (see UtcTicksConverter) and timestamptz on PostgreSQL.
    private object Timestamp(DateTimeOffset value) => db.Database.IsSqlite() ? value.UtcTicks : value;
}
