using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Readers;
using Paperwire.Storage.Coordination;
using Paperwire.Storage.Readers;

namespace Paperwire.Storage.Community;

/// <summary>A paper's upvote count and whether the asking user's vote is among them.</summary>
public sealed record VoteState(int Upvotes, bool Upvoted);

/// <summary>
/// Upvotes: one row per user and paper (the key), and the paper's denormalized <c>Upvotes</c> moved by exactly
/// the rows a write really inserted or deleted, in the same transaction. Two clicks racing each other meet at the
/// key: the loser inserts nothing and counts nothing. The count is adjusted rather than recounted because mirrored
/// papers arrive with upvotes from their source that have no rows here.
/// </summary>
public sealed class VoteStore(PaperwireDbContext db, ChangeSequence changes, ReaderVersions readers, TimeProvider time)
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

        // An upvote is a positive signal of the voter's personal model. Bumping first also locks the voter's profile
        // row (PostgreSQL), so a vote and a "not interested" on the same paper from two tabs queue behind each other.
        await readers.BumpAsync(userId, cancellationToken);
        var changed = upvoted ? await AddAsync(userId, paperId, cancellationToken) : await RemoveAsync(userId, paperId, cancellationToken);
        if (upvoted)
        {
            // Upvoting a paper the reader once dismissed says they want it after all: the two never stand together.
            changed |= await db.ReaderSignals
                .Where(s => s.UserId == userId && s.Kind == ReaderSignalKind.NotInterested && s.Target == paperId)
                .ExecuteDeleteAsync(cancellationToken) > 0;
        }

        var upvotes = await db.Papers.Where(p => p.Id == paperId).Select(p => p.Upvotes).SingleAsync(cancellationToken);
        if (changed)
        {
            // Otherwise nothing changed and the bump rolls back with the transaction: the version moves with the signals only.
            await transaction.CommitAsync(cancellationToken);
        }

        return new VoteState(upvotes, upvoted);
    }

    /// <summary>
    /// Removes the user's vote and counts it off the paper, inside the caller's transaction (which must already
    /// have bumped the reader's version); false when there was none.
    /// </summary>
    public async Task<bool> RemoveAsync(string userId, string paperId, CancellationToken cancellationToken)
    {
        var deleted = await db.Votes.Where(v => v.UserId == userId && v.PaperId == paperId).ExecuteDeleteAsync(cancellationToken);
        await CountAsync(paperId, -deleted, cancellationToken);
        return deleted > 0;
    }

    private async Task<bool> AddAsync(string userId, string paperId, CancellationToken cancellationToken)
    {
        var inserted = await db.Database.ExecuteSqlRawAsync(Insert, [userId, paperId, CreatedAt()], cancellationToken);
        await CountAsync(paperId, inserted, cancellationToken);
        return inserted > 0;
    }

    private async Task CountAsync(string paperId, int delta, CancellationToken cancellationToken)
    {
        if (delta == 0)
        {
            return;
        }

        // "Upvotes" + delta is evaluated on the latest row version, so concurrent voters never overwrite each other.
        await db.Papers.Where(p => p.Id == paperId)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.Upvotes, x => x.Upvotes + delta < 0 ? 0 : x.Upvotes + delta), cancellationToken);
        await changes.TouchPapersAsync([paperId], cancellationToken);
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
