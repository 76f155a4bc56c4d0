using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Storage.Coordination;

namespace Paperwire.Storage.Community;

/// <summary>
/// A paper entering the daily feed: the feed entry, the submitter's optional first comment (already rendered
/// to <paramref name="CommentHtml"/>) and the organization to link the paper to, if any.
/// </summary>
public sealed record NewSubmission(
    string PaperId,
    DateOnly FeedDate,
    DateTimeOffset SubmittedAt,
    string UserId,
    string UserName,
    string? OrganizationName,
    string? CommentMarkdown,
    string? CommentHtml,
    int? DailyLimit = null);

/// <summary>What <see cref="SubmissionStore.AddAsync"/> did.</summary>
public enum SubmissionWrite
{
    Added,

    /// <summary>The paper already had a feed entry (perhaps from a concurrent submission); nothing was written.</summary>
    AlreadyInFeed,

    /// <summary>The submitter already had <see cref="NewSubmission.DailyLimit"/> entries that day; nothing was written.</summary>
    DailyLimitReached,
}

/// <summary>The queries and the one write of submissions to the daily feed.</summary>
public sealed class SubmissionStore(PaperwireDbContext db, ChangeSequence sequence)
{
    /// <summary>How many papers <paramref name="userName"/> put into the feed on <paramref name="day"/>.</summary>
    public Task<int> CountSubmittedOnAsync(string userName, DateOnly day, CancellationToken cancellationToken) =>
        db.FeedEntries.CountAsync(f => f.SubmittedBy == userName && f.FeedDate == day, cancellationToken);

    /// <summary>The organizations <paramref name="userId"/> belongs to (every one with <paramref name="all"/>), by full name.</summary>
    public async Task<IReadOnlyList<Organization>> OrganizationsForAsync(string userId, bool all, CancellationToken cancellationToken)
    {
        var organizations = all
            ? db.Organizations.AsNoTracking()
            : db.Organizations.AsNoTracking().Where(o => db.OrganizationMembers.Any(m => m.UserId == userId && m.OrganizationName == o.Name));
        return await organizations.OrderBy(o => o.FullName).ThenBy(o => o.Name).ToListAsync(cancellationToken);
    }

    public Task<bool> IsMemberAsync(string userId, string organizationName, CancellationToken cancellationToken) =>
        db.OrganizationMembers.AnyAsync(m => m.UserId == userId && m.OrganizationName == organizationName, cancellationToken);

    public Task<bool> OrganizationExistsAsync(string organizationName, CancellationToken cancellationToken) =>
        db.Organizations.AnyAsync(o => o.Name == organizationName, cancellationToken);

    /// <summary>
    /// Puts the paper into the feed in one transaction: feed entry, first comment (and the paper's comment count),
    /// organization link, and a new change-sequence number so cached pages and search indexes follow. Returns the
    /// entry with its paper (null when the daily limit refused it), or the entry already there when another
    /// submission won (then nothing is written).
    /// </summary>
    public async Task<(FeedEntry? Entry, SubmissionWrite Outcome)> AddAsync(NewSubmission submission, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var outcome = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            // SQLite: BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) already serializes writers.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (submission.DailyLimit is { } limit)
            {
                // One submitter's concurrent submissions take turns here, so the count below cannot be stale.
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext({0}))", [submission.UserName], cancellationToken);
                }

                if (await CountSubmittedOnAsync(submission.UserName, submission.FeedDate, cancellationToken) >= limit)
                {
                    return SubmissionWrite.DailyLimitReached;
                }
            }

            if (await db.FeedEntries.AnyAsync(f => f.PaperId == submission.PaperId, cancellationToken))
            {
                return SubmissionWrite.AlreadyInFeed;
            }

            db.FeedEntries.Add(new FeedEntry
            {
                PaperId = submission.PaperId,
                FeedDate = submission.FeedDate,
                SubmittedAt = submission.SubmittedAt,
                SubmittedBy = submission.UserName,
            });
            if (submission.CommentMarkdown is { } markdown)
            {
                db.Comments.Add(new Comment
                {
                    PaperId = submission.PaperId,
                    UserId = submission.UserId,
                    UserName = submission.UserName,
                    Markdown = markdown,
                    Html = submission.CommentHtml ?? "",
                    CreatedAt = submission.SubmittedAt,
                });
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A concurrent submission of the same paper committed first: the key kept the feed to one entry.
                // PostgreSQL has aborted the transaction, so ask again outside it.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                if (await db.FeedEntries.AnyAsync(f => f.PaperId == submission.PaperId, cancellationToken))
                {
                    return SubmissionWrite.AlreadyInFeed;
                }

                throw;
            }

            var paper = db.Papers.Where(p => p.Id == submission.PaperId);
            if (submission.CommentMarkdown is not null)
            {
                await paper.ExecuteUpdateAsync(p => p.SetProperty(x => x.NumComments, x => x.NumComments + 1), cancellationToken);
            }

            if (submission.OrganizationName is { } organization)
            {
                await paper.ExecuteUpdateAsync(p => p.SetProperty(x => x.OrganizationName, organization), cancellationToken);
            }

            await sequence.TouchPapersAsync([submission.PaperId], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return SubmissionWrite.Added;
        });

        db.ChangeTracker.Clear();
        var entry = await db.FeedEntries.AsNoTracking()
            .Include(f => f.Paper!).ThenInclude(p => p.Organization)
            .SingleOrDefaultAsync(f => f.PaperId == submission.PaperId, cancellationToken);
        return (entry, outcome);
    }
}
