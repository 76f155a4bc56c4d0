using Microsoft.EntityFrameworkCore;

namespace Paperwire.Storage.Coordination;

/// <summary>
/// A table of papers waiting for work that any node may do (<c>embedding_queue</c>, <c>glance_queue</c>): a node claims
/// a batch under a token of its own until a deadline, works outside any transaction, and then takes (deletes) the rows
/// it still holds in the transaction that writes its results. A row queued afresh meanwhile lost its claim, and a claim
/// that expired may be taken over, so the node finds nothing left to take and writes nothing: no work is stored twice.
/// </summary>
internal sealed class ClaimQueue
{
    private readonly PaperwireDbContext db;
    private readonly TimeProvider clock;
    private readonly string claimSql;
    private readonly string takeHeldSql;
    private readonly string releaseSql;

    /// <param name="table">The queue's table, a constant of the schema (never user input): it is written into the SQL.</param>
    public ClaimQueue(PaperwireDbContext db, TimeProvider clock, string table)
    {
        this.db = db;
        this.clock = clock;
        // SQLite has one writer at a time, so its UPDATE is atomic without row locks; on PostgreSQL SKIP LOCKED lets
        // nodes claiming at the same moment pass over each other's rows instead of waiting for them.
        var locking = db.Database.IsSqlite() ? "" : "FOR UPDATE SKIP LOCKED";
        claimSql = $$"""
            UPDATE {{table}} SET "ClaimedBy" = {0}, "ClaimedUntil" = {1}
            WHERE "PaperId" IN (
                SELECT "PaperId" FROM {{table}}
                WHERE "ClaimedUntil" IS NULL OR "ClaimedUntil" < {2}
                ORDER BY "PaperId" LIMIT {3}
                {{locking}})
            RETURNING "PaperId" AS "Value"
            """;
        takeHeldSql = $$"""DELETE FROM {{table}} WHERE "ClaimedBy" = {0} RETURNING "PaperId" AS "Value" """;
        releaseSql = $$"""UPDATE {{table}} SET "ClaimedBy" = NULL, "ClaimedUntil" = NULL WHERE "ClaimedBy" = {0}""";
    }

    /// <summary>Claims up to <paramref name="count"/> unclaimed (or expired) papers for <paramref name="claim"/> until now + <paramref name="duration"/>.</summary>
    public async Task<IReadOnlyList<string>> ClaimAsync(string claim, int count, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.Database.SqlQueryRaw<string>(claimSql, claim, Timestamp(now + duration), Timestamp(now), count).ToListAsync(cancellationToken);
    }

    /// <summary>Inside the transaction that stores the results: deletes the rows <paramref name="claim"/> still holds and returns their papers.</summary>
    public async Task<HashSet<string>> TakeHeldAsync(string claim, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<string>(takeHeldSql, claim).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Gives a claim back unfinished (a node shutting down, a failed batch), so others need not wait for it to expire.</summary>
    public Task ReleaseAsync(string claim, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(releaseSql, [claim], cancellationToken);

    // The column holds UTC ticks on SQLite (see UtcTicksConverter) and timestamptz on PostgreSQL.
    private object Timestamp(DateTimeOffset value) => db.Database.IsSqlite() ? value.UtcTicks : value;
}
