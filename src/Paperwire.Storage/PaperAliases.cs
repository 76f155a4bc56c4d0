using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Papers;
using Paperwire.Core.Readers;
using Paperwire.Storage.Coordination;
using Paperwire.Storage.Embeddings;
using Paperwire.Storage.Readers;

namespace Paperwire.Storage;

/// <summary>
/// Retired paper ids. <see cref="LinkAsync"/> turns a local paper into its arXiv twin: the arXiv paper becomes the
/// catalog row, everything the community did with the local one moves to it, and the old id answers with a redirect.
/// </summary>
public sealed class PaperAliases(PaperwireDbContext db, ChangeSequence sequence, ReaderVersions readers, EmbeddingWork embeddings, TimeProvider time)
{
    /// <summary>The paper <paramref name="id"/> now names, or null when it is no alias.</summary>
    public Task<string?> FindTargetAsync(string id, CancellationToken cancellationToken) =>
        id.StartsWith(PaperId.LocalPrefix, StringComparison.Ordinal)
            ? db.PaperAliases.AsNoTracking().Where(a => a.Alias == id).Select(a => a.PaperId).FirstOrDefaultAsync(cancellationToken)
            : Task.FromResult<string?>(null);

    /// <summary>
    /// Replaces local paper <paramref name="localId"/> by <paramref name="twin"/> (as arXiv describes it; stored or
    /// updated like any import) in one transaction: feed entry, votes (one per user; the count is corrected), comments,
    /// collection items and paper signals move; the local row is removed and its id becomes an alias. False when the
    /// local paper is gone already (linked by another run) or <paramref name="twin"/> is not an arXiv paper.
    /// </summary>
    public async Task<bool> LinkAsync(string localId, Paper twin, CancellationToken cancellationToken)
    {
        if (!localId.StartsWith(PaperId.LocalPrefix, StringComparison.Ordinal) || !twin.IsArxivPaper)
        {
            return false;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var linked = await LinkInTransactionAsync(localId, twin, cancellationToken);
            if (linked)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            db.ChangeTracker.Clear();
            return linked;
        });
    }

    private async Task<bool> LinkInTransactionAsync(string localId, Paper twin, CancellationToken cancellationToken)
    {
        // The lock order of every signal write: reader rows, then paper rows, then the counter (see VoteStore).
        foreach (var userId in await AffectedReadersAsync(localId, cancellationToken))
        {
            await readers.BumpAsync(userId, cancellationToken);
        }

        // Read after the lock: a run on another node that linked the paper meanwhile has removed it (and nothing here
        // is committed then).
        await sequence.LockPapersAsync([localId, twin.Id], cancellationToken);
        var local = await db.Papers.AsNoTracking().Include(p => p.FeedEntry).FirstOrDefaultAsync(p => p.Id == localId, cancellationToken);
        if (local is null)
        {
            return false;
        }

        var next = await sequence.ReserveAsync(2, cancellationToken);
        var target = await db.Papers.Include(p => p.FeedEntry).FirstOrDefaultAsync(p => p.Id == twin.Id, cancellationToken);
        if (target is null)
        {
            twin.Organization = null;
            twin.FeedEntry = null;
            twin.Upvotes = 0;
            twin.NumComments = 0;
            db.Papers.Add(twin);
            target = twin;
        }
        else
        {
            PaperMerge.Apply(target, twin, mirrorsFeed: false, []);
        }

        var doubleVotes = await db.Votes
            .Where(v => v.PaperId == localId && db.Votes.Any(w => w.PaperId == target.Id && w.UserId == v.UserId))
            .Select(v => v.UserId)
            .ToListAsync(cancellationToken);
        KeepWhatOnlyTheLocalPaperKnew(target, local);
        target.Upvotes = Math.Max(0, target.Upvotes + local.Upvotes - doubleVotes.Count);
        target.NumComments += local.NumComments;
        target.ChangeSequence = next + 1;
        await db.SaveChangesAsync(cancellationToken);

        await MoveCommunityRowsAsync(localId, target.Id, doubleVotes, cancellationToken);
        await db.FeedEntries.Where(f => f.PaperId == localId).ExecuteDeleteAsync(cancellationToken);
        await db.AuthorshipClaims.Where(c => c.PaperId == localId).ExecuteDeleteAsync(cancellationToken);
        await db.Papers.Where(p => p.Id == localId).ExecuteDeleteAsync(cancellationToken);
        db.PaperAliases.Add(new PaperAlias { Alias = localId, PaperId = target.Id, ChangeSequence = next, CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        // The arXiv text may be new to the catalog (or differ from the sample's): the twin gets its vector like any
        // import (one already stored for the same text is reused, the model does not run again).
        await embeddings.EnqueueAsync([target.Id], cancellationToken);
        return true;
    }

    /// <summary>The Daily Papers page knew the organization, the feed day and links that arXiv does not carry.</summary>
    private static void KeepWhatOnlyTheLocalPaperKnew(Paper target, Paper local)
    {
        target.OrganizationName ??= local.OrganizationName;
        target.GithubRepo ??= local.GithubRepo;
        target.GithubStars ??= local.GithubStars;
        target.ProjectPage ??= local.ProjectPage;
        target.GitlabRepo ??= local.GitlabRepo;
        if (target.HuggingFaceLinks.Count == 0)
        {
            target.HuggingFaceLinks = [.. local.HuggingFaceLinks];
        }
        target.AiSummary ??= local.AiSummary;
        if (target.AiKeywords.Count == 0)
        {
            target.AiKeywords = [.. local.AiKeywords];
        }

        if (target.FeedEntry is null && local.FeedEntry is { } entry)
        {
            target.FeedEntry = new FeedEntry { PaperId = target.Id, FeedDate = entry.FeedDate, SubmittedAt = entry.SubmittedAt, SubmittedBy = entry.SubmittedBy };
        }
    }

    /// <summary>Readers whose personal model changes: their upvotes, collection items or paper signals now name another paper.</summary>
    private async Task<List<string>> AffectedReadersAsync(string localId, CancellationToken cancellationToken)
    {
        var voters = db.Votes.Where(v => v.PaperId == localId).Select(v => v.UserId);
        var collectors = db.Collections.Where(c => c.Items.Any(i => i.PaperId == localId)).Select(c => c.OwnerId);
        // Signals that name a paper; the others name a category, an organization or an author.
        var signalled = db.ReaderSignals.Where(s => s.Target == localId && (s.Kind == ReaderSignalKind.NotInterested || s.Kind == ReaderSignalKind.PickedPaper)).Select(s => s.UserId);
        var users = await voters.Concat(collectors).Concat(signalled).Distinct().ToListAsync(cancellationToken);
        return [.. users.Order(StringComparer.Ordinal)];
    }

    private async Task MoveCommunityRowsAsync(string localId, string targetId, List<string> doubleVotes, CancellationToken cancellationToken)
    {
        // A reader who upvoted both keeps one vote; the count above already took theirs off.
        await db.Votes.Where(v => v.PaperId == localId && doubleVotes.Contains(v.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.Votes.Where(v => v.PaperId == localId).ExecuteUpdateAsync(v => v.SetProperty(x => x.PaperId, targetId), cancellationToken);
        await db.Comments.Where(c => c.PaperId == localId).ExecuteUpdateAsync(c => c.SetProperty(x => x.PaperId, targetId), cancellationToken);

        await db.CollectionItems
            .Where(i => i.PaperId == localId && db.CollectionItems.Any(o => o.CollectionId == i.CollectionId && o.PaperId == targetId))
            .ExecuteDeleteAsync(cancellationToken);
        await db.CollectionItems.Where(i => i.PaperId == localId).ExecuteUpdateAsync(i => i.SetProperty(x => x.PaperId, targetId), cancellationToken);

        await db.ReaderSignals
            .Where(s => s.Target == localId && (s.Kind == ReaderSignalKind.NotInterested || s.Kind == ReaderSignalKind.PickedPaper)
                && db.ReaderSignals.Any(o => o.UserId == s.UserId && o.Kind == s.Kind && o.Target == targetId))
            .ExecuteDeleteAsync(cancellationToken);
        await db.ReaderSignals.Where(s => s.Target == localId && (s.Kind == ReaderSignalKind.NotInterested || s.Kind == ReaderSignalKind.PickedPaper))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Target, targetId), cancellationToken);

        // An id retired earlier into the local paper follows it.
        await db.PaperAliases.Where(a => a.PaperId == localId).ExecuteUpdateAsync(a => a.SetProperty(x => x.PaperId, targetId), cancellationToken);
    }
}
