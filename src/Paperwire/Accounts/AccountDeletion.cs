using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;
using Paperwire.Storage.Images;
using Paperwire.Storage.Readers;

namespace Paperwire.Accounts;

/// <summary>What happens to a deleted account's comments: the reader's choice.</summary>
public enum CommentsOnDeletion
{
    /// <summary>Comments stay where they are, shown as written by "deleted user".</summary>
    Keep,

    /// <summary>Comments go; one that others replied to stays as a "[deleted]" placeholder, so their replies keep their place.</summary>
    Remove,
}

/// <summary>What a deletion removed, for the reader's confirmation and the operator's terminal.</summary>
public sealed record DeletedAccount(
    string UserName, int Votes, int CommentsKept, int CommentsRemoved, int Collections, int DigestSubscriptions, int ApiTokens, int Sessions);

/// <summary>
/// Deletes an account and everything Paperwire holds about its reader, in one transaction: nothing is half-deleted.
/// Votes go and the papers' counts drop by them; comments are kept as "deleted user" or removed (the reader's
/// choice); digest subscriptions (the account's and any for its address) end and are forgotten with their queued
/// digests; API tokens and sessions die with the account row, and with them every cookie and token at its next
/// request. Collections, interests, follows, not-interested marks, claims, memberships and the picture go too.
/// Papers the reader submitted stay in the feed without a submitter. Every paper whose page or count changes is
/// touched in the change sequence, so caches and search follow on every node.
/// </summary>
public sealed class AccountDeletion(PaperwireDbContext db, ChangeSequence sequence, ReaderVersions readers, TimeProvider clock, ILogger<AccountDeletion> logger)
{
    /// <summary>Deletes the account <paramref name="userId"/>; null when there is no such account (nothing changes).</summary>
    public async Task<DeletedAccount?> DeleteAsync(string userId, CommentsOnDeletion comments, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var deleted = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            // On SQLite this begins IMMEDIATE: the write lock is held from here to commit.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await DeleteInTransactionAsync(userId, comments, cancellationToken);
            if (result is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return result;
        });
        db.ChangeTracker.Clear();
        if (deleted is not null)
        {
            logger.LogInformation(
                "Deleted account {UserId}: {Votes} votes, {CommentsKept} comments kept, {CommentsRemoved} removed, {Collections} collections, {Subscriptions} digest subscriptions, {Tokens} API tokens, {Sessions} sessions",
                userId, deleted.Votes, deleted.CommentsKept, deleted.CommentsRemoved, deleted.Collections, deleted.DigestSubscriptions, deleted.ApiTokens, deleted.Sessions);
        }

        return deleted;
    }

    private async Task<DeletedAccount?> DeleteInTransactionAsync(string userId, CommentsOnDeletion comments, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.UserName, u.Email }).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var userName = user.UserName!;
        // The lock order of every signal write (VoteStore): the reader's profile row, then papers, then the counter.
        // A vote of this reader's racing the deletion waits here, and then fails on the missing account.
        await readers.BumpAsync(userId, cancellationToken);

        var voted = await db.Votes.Where(v => v.UserId == userId).Select(v => v.PaperId).ToListAsync(cancellationToken);
        var commented = await db.Comments.Where(c => c.UserId == userId).Select(c => c.PaperId).Distinct().ToListAsync(cancellationToken);
        var shown = await db.CollectionItems
            .Where(i => db.Collections.Any(c => c.Id == i.CollectionId && c.OwnerId == userId && c.IsPublic))
            .Select(i => i.PaperId).Distinct().ToListAsync(cancellationToken);
        var authored = await db.AuthorshipClaims.Where(c => c.UserId == userId && c.Status == ClaimStatus.Verified).Select(c => c.PaperId).ToListAsync(cancellationToken);
        var submitted = await db.FeedEntries.Where(f => f.SubmittedBy == userName).Select(f => f.PaperId).ToListAsync(cancellationToken);
        string[] touched = [.. voted.Concat(commented).Concat(shown).Concat(authored).Concat(submitted).Distinct(StringComparer.Ordinal)];
        await sequence.LockPapersAsync(touched, cancellationToken);

        // One vote per reader and paper (the key), so each paper the reader upvoted loses exactly one.
        await db.Papers.Where(p => db.Votes.Any(v => v.UserId == userId && v.PaperId == p.Id))
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.Upvotes, x => x.Upvotes > 0 ? x.Upvotes - 1 : 0), cancellationToken);
        await db.Votes.Where(v => v.UserId == userId).ExecuteDeleteAsync(cancellationToken);

        var (kept, removed) = comments == CommentsOnDeletion.Keep
            ? (await KeepCommentsAsync(userId, cancellationToken), 0)
            : (0, await RemoveCommentsAsync(userId, cancellationToken));

        // The papers stay in the feed; only the link to the reader goes.
        await db.FeedEntries.Where(f => f.SubmittedBy == userName).ExecuteUpdateAsync(f => f.SetProperty(x => x.SubmittedBy, (string?)null), cancellationToken);

        // The account's subscription and any other for its address: deleting them drops their queued digests too.
        var address = EmailAddress.TryNormalize(user.Email, out _, out var normalized) ? normalized : null;
        var subscriptions = await db.DigestSubscriptions.Where(s => s.UserId == userId || (address != null && s.NormalizedEmail == address)).ExecuteDeleteAsync(cancellationToken);
        await db.Images.Where(i => i.Key == StoredImage.UserKey(userId)).ExecuteDeleteAsync(cancellationToken);

        var collections = await db.Collections.CountAsync(c => c.OwnerId == userId, cancellationToken);
        var tokens = await db.ApiTokens.CountAsync(t => t.UserId == userId && t.RevokedAt == null, cancellationToken);
        var sessions = await db.UserSessions.CountAsync(s => s.UserId == userId, cancellationToken);
        // The database cascades the rest: sessions, API tokens, collections and their items, claims, memberships,
        // interests and marks, the ranking profile, roles and Identity's own rows.
        await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(cancellationToken);

        // Moves the sequence even when nothing was touched, so a cached profile or collection page goes too.
        if (touched.Length > 0)
        {
            await sequence.TouchPapersAsync(touched, cancellationToken);
        }
        else
        {
            await sequence.ReserveAsync(1, cancellationToken);
        }

        return new DeletedAccount(userName, voted.Count, kept, removed, collections, subscriptions, tokens, sessions);
    }

    /// <summary>Keeps the comments without their author: pages and the API show "deleted user".</summary>
    private Task<int> KeepCommentsAsync(string userId, CancellationToken cancellationToken) =>
        db.Comments.Where(c => c.UserId == userId)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.UserId, (string?)null).SetProperty(x => x.UserName, (string?)null), cancellationToken);

    /// <summary>
    /// Removes the comments and counts the visible ones off their papers. A top-level comment someone else replied
    /// to stays as a "[deleted]" placeholder without text or author, as when its author deletes it, so the replies
    /// keep their thread.
    /// </summary>
    private async Task<int> RemoveCommentsAsync(string userId, CancellationToken cancellationToken)
    {
        var visible = await db.Comments.Where(c => c.UserId == userId && c.DeletedAt == null && c.HiddenAt == null)
            .GroupBy(c => c.PaperId).Select(g => new { PaperId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var count = await db.Comments.CountAsync(c => c.UserId == userId, cancellationToken);

        // Replies first (nothing hangs under a reply), then top-level comments nobody else answered.
        await db.Comments.Where(c => c.UserId == userId && c.ParentId != null).ExecuteDeleteAsync(cancellationToken);
        await db.Comments.Where(c => c.UserId == userId && !db.Comments.Any(r => r.ParentId == c.Id)).ExecuteDeleteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.Comments.Where(c => c.UserId == userId).ExecuteUpdateAsync(c => c
            .SetProperty(x => x.DeletedAt, x => x.DeletedAt ?? now)
            .SetProperty(x => x.Markdown, "")
            .SetProperty(x => x.Html, "")
            .SetProperty(x => x.UserId, (string?)null)
            .SetProperty(x => x.UserName, (string?)null), cancellationToken);

        foreach (var paper in visible)
        {
            await db.Papers.Where(p => p.Id == paper.PaperId)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.NumComments, x => x.NumComments > paper.Count ? x.NumComments - paper.Count : 0), cancellationToken);
        }

        return count;
    }
}
