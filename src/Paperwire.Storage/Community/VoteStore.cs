using Microsoft.EntityFrameworkCore;
using Paperwire.Storage.Coordination;

namespace Paperwire.Storage.Community;

/// <summary>A paper's upvote count and whether the asking user's vote is among them.</summary>
public sealed record VoteState(int Upvotes, bool Upvoted);

/// <summary>
/// Upvotes: one row per user and paper (the key), and the paper's denormalized <c>Upvotes</c> moved by exactly
/// the rows a write really inserted or deleted, in the same transaction. Two clicks racing each other meet at the
/// key: the loser inserts nothing and counts nothing. The count is adjusted rather than recounted because mirrored
/// papers arrive with upvotes from their source that have no rows here.
/// </summary>
public sealed class VoteStore(PaperwireDbContext db, ChangeSequence changes, TimeProvider time)
{
    // ON CONFLICT DO NOTHING reads the same on SQLite and PostgreSQL; the affected row count says whether it counted.
    private const string Insert = """
        INSERT INTO votes ("UserId", "PaperId", "CreatedAt") VALUES ({0}, {1}, {2}) ON CONFLICT DO NOTHING
        """;

    /// <summary>Sets (<paramref name="upvoted"/>) or removes the user's vote; idempotent. Null when the paper is unknown.</summary>
    public async Task<VoteState?> SetAsync(string userId, string paperId, bool upvoted, CancellationToken cancellationToken)
    {
        // On SQLite this begins IMMEDIATE: the write lock is taken (waiting on the busy timeout) before anything is read.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Papers.AnyAsync(p => p.Id == paperId, cancellationToken))
        {
            return null;
        }

        var changed = upvoted
            ? await db.Database.ExecuteSqlRawAsync(Insert, [userId, paperId, CreatedAt()], cancellationToken)
            : await db.Votes.Where(v => v.UserId == userId && v.PaperId == paperId).ExecuteDeleteAsync(cancellationToken);
        if (changed > 0)
        {
            var delta = upvoted ? 1 : -1;
            // "Upvotes" + delta is evaluated on the latest row version, so concurrent voters never overwrite each other.
            await db.Papers.Where(p => p.Id == paperId)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.Upvotes, x => x.Upvotes + delta < 0 ? 0 : x.Upvotes + delta), cancellationToken);
            await changes.TouchPapersAsync([paperId], cancellationToken);
        }

        var upvotes = await db.Papers.Where(p => p.Id == paperId).Select(p => p.Upvotes).SingleAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new VoteState(upvotes, upvoted);
    }

    /// <summary>Whether <paramref name="userId"/> has upvoted the paper.</summary>
    public Task<bool> HasVotedAsync(string userId, string paperId, CancellationToken cancellationToken) =>
        db.Votes.AnyAsync(v => v.UserId == userId && v.PaperId == paperId, cancellationToken);

    /// <summary>Which of <paramref name="paperIds"/> the user has upvoted.</summary>
    public async Task<IReadOnlySet<string>> VotedAmongAsync(string userId, IReadOnlyCollection<string> paperIds, CancellationToken cancellationToken) =>
        (await db.Votes.Where(v => v.UserId == userId && paperIds.Contains(v.PaperId)).Select(v => v.PaperId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

    // Raw SQL bypasses the model's converters: SQLite keeps timestamps as UTC ticks (UtcTicksConverter).
    private object CreatedAt() => db.Database.IsSqlite() ? time.GetUtcNow().UtcTicks : time.GetUtcNow();
}
