using Microsoft.EntityFrameworkCore;
using Paperwire.Community.Collections;
using Paperwire.Core.Readers;
using Paperwire.Hosting;
using Paperwire.Storage;
using Paperwire.Storage.Community;
using Paperwire.Storage.Readers;

namespace Paperwire.ForYou;

/// <summary>A paper's "not interested" mark as the API reports it.</summary>
public sealed record NotInterestedState(string PaperId, bool NotInterested);

/// <summary>The papers a pick stored (or had already), and the requested ids that are not pickable catalog papers.</summary>
public sealed record PickResult(IReadOnlyList<string> Picked, IReadOnlyList<string> NotInCatalog);

/// <summary>
/// The one write path of a reader's explicit signals (not interested, follows). Each write bumps the reader's
/// version in its own transaction (<see cref="ReaderVersions"/>), so the cached model is retrained on the next
/// ranking; a write that changes nothing rolls back, bump included.
/// </summary>
public sealed class ReaderInterests(PaperwireDbContext db, ReaderVersions versions, VoteStore votes, FeedCache cache, TimeProvider time)
{
    /// <summary>Picked papers a reader keeps at once: enough to describe several interests, few enough to stay a choice.</summary>
    public const int MaxPickedPapers = 200;

    // ON CONFLICT DO NOTHING reads the same on SQLite and PostgreSQL: a repeated click stores nothing new.
    private const string Insert = """
        INSERT INTO reader_signals ("UserId", "Kind", "Target", "CreatedAt") VALUES ({0}, {1}, {2}, {3}) ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// Marks (or unmarks) a paper not interested; idempotent. Marking takes back the reader's upvote of it (the two
    /// never stand together; an upvote likewise clears the mark). A withdrawn paper cannot be marked: it never
    /// appears in a ranking, so there is nothing to dismiss (409); unmarking it always works.
    /// </summary>
    public async Task<Outcome<NotInterestedState>> SetNotInterestedAsync(string userId, string paperId, bool notInterested, CancellationToken cancellationToken)
    {
        var withdrawn = await db.Papers.Where(p => p.Id == paperId).Select(p => (bool?)p.Withdrawn).FirstOrDefaultAsync(cancellationToken);
        if (withdrawn is null)
        {
            return Outcome.NotFound("Paper not found", $"No paper with id '{paperId}' is in the catalog.");
        }

        if (withdrawn.Value && notInterested)
        {
            return Outcome.Conflict("Paper withdrawn", $"Paper {paperId} is withdrawn: it never appears in recommendations, so there is nothing to dismiss.");
        }

        var unvoted = false;
        await WriteAsync(userId, async () =>
        {
            if (!notInterested)
            {
                return await RemoveAsync(userId, ReaderSignalKind.NotInterested, paperId, cancellationToken);
            }

            unvoted = await votes.RemoveAsync(userId, paperId, cancellationToken);
            return await AddAsync(userId, ReaderSignalKind.NotInterested, paperId, cancellationToken) | unvoted;
        }, cancellationToken);
        if (unvoted)
        {
            // The paper's upvote count changed: this node's cached pages go at once, other nodes follow the sequence.
            await cache.InvalidateAsync(cancellationToken);
        }

        return new Outcome<NotInterestedState>(Outcome.Ok, new NotInterestedState(paperId, notInterested));
    }

    /// <summary>
    /// Picks papers the reader likes (idempotent per paper), as For you's first visit offers: each becomes a private
    /// positive and loses its not-interested mark. Ids not in the catalog, and withdrawn papers, are returned unpicked.
    /// At most <see cref="MaxPickedPapers"/> picks stand at once; beyond it the rest are refused with a conflict.
    /// </summary>
    public async Task<Outcome<PickResult>> PickAsync(string userId, IReadOnlyCollection<string> paperIds, CancellationToken cancellationToken)
    {
        var distinct = paperIds.Distinct(StringComparer.Ordinal).ToList();
        var pickable = await db.Papers.Where(p => distinct.Contains(p.Id) && !p.Withdrawn).Select(p => p.Id).ToListAsync(cancellationToken);
        var outcome = Outcome.Ok;
        await WriteAsync(userId, async () =>
        {
            var already = await db.ReaderSignals.Where(s => s.UserId == userId && s.Kind == ReaderSignalKind.PickedPaper).Select(s => s.Target).ToListAsync(cancellationToken);
            if (already.Union(pickable, StringComparer.Ordinal).Count() > MaxPickedPapers)
            {
                outcome = Outcome.Conflict("Too many picked papers", $"A reader picks at most {MaxPickedPapers} papers; remove some on your interests page first.");
                return false;
            }

            var changed = false;
            foreach (var paperId in pickable)
            {
                changed |= await RemoveAsync(userId, ReaderSignalKind.NotInterested, paperId, cancellationToken);
                changed |= await AddAsync(userId, ReaderSignalKind.PickedPaper, paperId, cancellationToken);
            }

            return changed;
        }, cancellationToken);
        return outcome.Succeeded
            ? new Outcome<PickResult>(Outcome.Ok, new PickResult(pickable, [.. distinct.Except(pickable, StringComparer.Ordinal)]))
            : outcome;
    }

    /// <summary>Takes back a picked paper (idempotent: false when it was not picked).</summary>
    public Task<bool> UnpickAsync(string userId, string paperId, CancellationToken cancellationToken) =>
        WriteAsync(userId, () => RemoveAsync(userId, ReaderSignalKind.PickedPaper, paperId, cancellationToken), cancellationToken);

    /// <summary>Follows a category, organization or author (idempotent), within <see cref="FollowRules"/>.</summary>
    public async Task<Outcome<ReaderSignal>> FollowAsync(string userId, ReaderSignalKind kind, string? name, CancellationToken cancellationToken)
    {
        if (FollowRules.Check(kind, name, out var target) is { Succeeded: false } invalid)
        {
            return invalid;
        }

        if (kind == ReaderSignalKind.FollowOrganization && !await db.Organizations.AnyAsync(o => o.Name == target, cancellationToken))
        {
            return Outcome.NotFound("Organization not found", $"No organization is called '{Api.ApiProblems.Shorten(target)}'.");
        }

        var outcome = Outcome.Ok;
        await WriteAsync(userId, async () =>
        {
            // Counted under the reader's lock (the bump), so two tabs cannot both take the last free follow.
            var follows = await db.ReaderSignals.CountAsync(s => s.UserId == userId && FollowRules.FollowKinds.Contains(s.Kind), cancellationToken);
            if (follows >= FollowRules.MaxFollowsPerReader
                && !await db.ReaderSignals.AnyAsync(s => s.UserId == userId && s.Kind == kind && s.Target == target, cancellationToken))
            {
                outcome = Outcome.Conflict("Too many follows", $"A reader follows at most {FollowRules.MaxFollowsPerReader} categories, organizations and authors; unfollow some first.");
                return false;
            }

            return await AddAsync(userId, kind, target, cancellationToken);
        }, cancellationToken);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        var stored = await db.ReaderSignals.AsNoTracking().FirstAsync(s => s.UserId == userId && s.Kind == kind && s.Target == target, cancellationToken);
        return new Outcome<ReaderSignal>(Outcome.Ok, stored);
    }

    /// <summary>Stops following (idempotent: false when it was not followed).</summary>
    public Task<bool> UnfollowAsync(string userId, ReaderSignalKind kind, string name, CancellationToken cancellationToken) =>
        WriteAsync(userId, () => RemoveAsync(userId, kind, name.Trim(), cancellationToken), cancellationToken);

    /// <summary>Removes one of the reader's explicit signals by id; false when it is not theirs or does not exist.</summary>
    public Task<bool> RemoveSignalAsync(string userId, long id, CancellationToken cancellationToken) =>
        WriteAsync(userId, async () => await db.ReaderSignals.Where(s => s.Id == id && s.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0, cancellationToken);

    /// <summary>The reader's explicit signals, oldest first.</summary>
    public async Task<IReadOnlyList<ReaderSignal>> ListAsync(string userId, CancellationToken cancellationToken) =>
        await db.ReaderSignals.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="change"/> after bumping the reader's version, which also queues this reader's writes
    /// behind each other (the profile row's lock on PostgreSQL; SQLite holds the write lock from BEGIN). Commits
    /// only when the change changed something.
    /// </summary>
    private async Task<bool> WriteAsync(string userId, Func<Task<bool>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await versions.BumpAsync(userId, cancellationToken);
        if (!await change())
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<bool> AddAsync(string userId, ReaderSignalKind kind, string target, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(Insert, [userId, kind.ToString(), target, CreatedAt()], cancellationToken) > 0;

    private async Task<bool> RemoveAsync(string userId, ReaderSignalKind kind, string target, CancellationToken cancellationToken) =>
        await db.ReaderSignals.Where(s => s.UserId == userId && s.Kind == kind && s.Target == target).ExecuteDeleteAsync(cancellationToken) > 0;

    // Raw SQL bypasses the model's converters: SQLite keeps timestamps as UTC ticks (UtcTicksConverter).
    private object CreatedAt() => db.Database.IsSqlite() ? time.GetUtcNow().UtcTicks : time.GetUtcNow();
}
