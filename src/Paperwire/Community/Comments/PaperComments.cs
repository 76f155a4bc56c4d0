using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Storage;
using Paperwire.Storage.Coordination;

namespace Paperwire.Community.Comments;

/// <summary>Why a comment write was refused; every write either succeeds whole or changes nothing.</summary>
public enum CommentFailure
{
    InvalidText,
    PaperNotFound,
    ParentNotFound,
    ParentGone,
    CommentNotFound,
    NotYours,
    NotModerator,
    Deleted,
}

/// <summary>The comment as written, or why not (<see cref="Message"/> is for the reader).</summary>
public sealed record CommentOutcome(Comment? Comment, CommentFailure? Failure = null, string? Message = null)
{
    public static CommentOutcome Fail(CommentFailure failure, string message) => new(null, failure, message);
}

/// <summary>A top-level comment or a reply, as a thread shows it.</summary>
public sealed record ThreadComment(Comment Comment, bool ByPaperAuthor, IReadOnlyList<ThreadComment> Replies);

/// <summary>
/// Comments on papers: one level of replies, edit and delete own, moderators hide. <c>papers.NumComments</c>
/// counts visible comments and changes in the same transaction as the comment, which also touches the paper so
/// cached pages follow.
/// </summary>
public sealed class PaperComments(
    PaperwireDbContext db, ChangeSequence sequence, CommentRenderer renderer, ILookupNormalizer normalizer, TimeProvider clock)
{
    public static bool IsModerator(ClaimsPrincipal user) => user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Admin);

    /// <summary>Every comment on the paper, oldest first, replies under their top-level comment.</summary>
    public async Task<IReadOnlyList<ThreadComment>> ThreadAsync(string paperId, CancellationToken cancellationToken)
    {
        var comments = await db.Comments.AsNoTracking()
            .Where(c => c.PaperId == paperId)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        if (comments.Count == 0)
        {
            return [];
        }

        var authors = (await db.AuthorshipClaims.AsNoTracking()
            .Where(a => a.PaperId == paperId && a.Status == ClaimStatus.Verified)
            .Select(a => a.UserId)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var replies = comments.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);
        return [.. comments.Where(c => c.ParentId is null).Select(c => new ThreadComment(
            c,
            c.UserId is { } author && authors.Contains(author),
            [.. replies[c.Id].Select(r => new ThreadComment(r, r.UserId is { } replier && authors.Contains(replier), []))]))];
    }

    public async Task<CommentOutcome> PostAsync(
        string paperId, ClaimsPrincipal user, string? text, long? parentId, CancellationToken cancellationToken)
    {
        if (CommentText.Clean(text, out var error) is not { } markdown)
        {
            return CommentOutcome.Fail(CommentFailure.InvalidText, error!);
        }

        if (!await db.Papers.AnyAsync(p => p.Id == paperId, cancellationToken))
        {
            return CommentOutcome.Fail(CommentFailure.PaperNotFound, $"No paper with id '{paperId}' is in the catalog.");
        }

        long? topLevel = null;
        if (parentId is { } replyTo)
        {
            var parent = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == replyTo && c.PaperId == paperId, cancellationToken);
            if (parent is null)
            {
                return CommentOutcome.Fail(CommentFailure.ParentNotFound, $"There is no comment {replyTo} on this paper to reply to.");
            }

            if (!parent.IsVisible)
            {
                return CommentOutcome.Fail(CommentFailure.ParentGone, "That comment was deleted or hidden; it takes no new replies.");
            }

            // One level of replies: answering a reply joins the thread of its top-level comment.
            topLevel = parent.ParentId ?? parent.Id;
        }

        var comment = new Comment
        {
            PaperId = paperId,
            UserId = UserId(user),
            UserName = user.Identity?.Name ?? throw new InvalidOperationException("A signed-in user has a name."),
            ParentId = topLevel,
            Markdown = markdown,
            Html = await RenderAsync(markdown, cancellationToken),
            CreatedAt = clock.GetUtcNow(),
        };
        await InTransactionAsync(paperId, async () =>
        {
            db.Comments.Add(comment);
            await db.SaveChangesAsync(cancellationToken);
            await CountAsync(paperId, +1, cancellationToken);
            return true;
        }, cancellationToken);
        db.ChangeTracker.Clear();
        return new CommentOutcome(comment);
    }

    public async Task<CommentOutcome> EditAsync(long id, ClaimsPrincipal user, string? text, CancellationToken cancellationToken)
    {
        var own = await FindOwnAsync(id, user, cancellationToken);
        if (own.Comment is not { } comment)
        {
            return own;
        }

        if (CommentText.Clean(text, out var error) is not { } markdown)
        {
            return CommentOutcome.Fail(CommentFailure.InvalidText, error!);
        }

        var html = await RenderAsync(markdown, cancellationToken);
        var now = clock.GetUtcNow();
        var edited = await InTransactionAsync(comment.PaperId, async () => await db.Comments
            .Where(c => c.Id == id && c.DeletedAt == null)
            .ExecuteUpdateAsync(c => c
                .SetProperty(x => x.Markdown, markdown)
                .SetProperty(x => x.Html, html)
                .SetProperty(x => x.EditedAt, now), cancellationToken) == 1, cancellationToken);
        return edited ? new CommentOutcome(await FindAsync(id, cancellationToken)) : Gone();
    }

    /// <summary>Deletes the user's own comment: the text goes, replies stay. Deleting twice changes nothing.</summary>
    public async Task<CommentOutcome> DeleteAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var own = await FindOwnAsync(id, user, cancellationToken, allowDeleted: true);
        if (own.Comment is not { } comment)
        {
            return own;
        }

        var now = clock.GetUtcNow();
        await InTransactionAsync(comment.PaperId, async () =>
        {
            // Conditional updates decide under the row lock, so a racing hide or delete never counts twice.
            var wasVisible = await db.Comments.Where(c => c.Id == id && c.DeletedAt == null && c.HiddenAt == null)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.DeletedAt, now).SetProperty(x => x.Markdown, "").SetProperty(x => x.Html, ""), cancellationToken) == 1;
            if (wasVisible)
            {
                await CountAsync(comment.PaperId, -1, cancellationToken);
                return true;
            }

            return await db.Comments.Where(c => c.Id == id && c.DeletedAt == null)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.DeletedAt, now).SetProperty(x => x.Markdown, "").SetProperty(x => x.Html, ""), cancellationToken) == 1;
        }, cancellationToken);
        return new CommentOutcome(await FindAsync(id, cancellationToken));
    }

    /// <summary>Hides any comment from everyone but moderators. Hiding twice changes nothing.</summary>
    public async Task<CommentOutcome> HideAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!IsModerator(user))
        {
            return CommentOutcome.Fail(CommentFailure.NotModerator, "Only moderators can hide comments.");
        }

        if (await FindAsync(id, cancellationToken) is not { } comment)
        {
            return NotFound(id);
        }

        var now = clock.GetUtcNow();
        var moderator = user.Identity?.Name;
        await InTransactionAsync(comment.PaperId, async () =>
        {
            var wasVisible = await db.Comments.Where(c => c.Id == id && c.DeletedAt == null && c.HiddenAt == null)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.HiddenAt, now).SetProperty(x => x.HiddenBy, moderator), cancellationToken) == 1;
            if (wasVisible)
            {
                await CountAsync(comment.PaperId, -1, cancellationToken);
                return true;
            }

            return await db.Comments.Where(c => c.Id == id && c.HiddenAt == null)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.HiddenAt, now).SetProperty(x => x.HiddenBy, moderator), cancellationToken) == 1;
        }, cancellationToken);
        return new CommentOutcome(await FindAsync(id, cancellationToken));
    }

    /// <summary>The comment if it is the user's own and (unless <paramref name="allowDeleted"/>) not deleted.</summary>
    public async Task<CommentOutcome> FindOwnAsync(long id, ClaimsPrincipal user, CancellationToken cancellationToken, bool allowDeleted = false)
    {
        if (await FindAsync(id, cancellationToken) is not { } comment)
        {
            return NotFound(id);
        }

        if (comment.UserId != UserId(user))
        {
            return CommentOutcome.Fail(CommentFailure.NotYours, "You can only change your own comments.");
        }

        return comment.DeletedAt is not null && !allowDeleted ? Gone() : new CommentOutcome(comment);
    }

    private Task<Comment?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    private async Task<string> RenderAsync(string markdown, CancellationToken cancellationToken)
    {
        var candidates = CommentRenderer.MentionCandidates(markdown);
        var users = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (candidates.Count > 0)
        {
            var normalized = candidates.Select(normalizer.NormalizeName).ToList();
            foreach (var name in await db.Users.AsNoTracking()
                .Where(u => u.EmailConfirmed && normalized.Contains(u.NormalizedUserName!))
                .Select(u => u.UserName!)
                .ToListAsync(cancellationToken))
            {
                users[name] = name;
            }
        }

        return renderer.Render(markdown, users);
    }

    private Task<int> CountAsync(string paperId, int delta, CancellationToken cancellationToken) =>
        db.Papers.Where(p => p.Id == paperId)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.NumComments, x => x.NumComments + delta), cancellationToken);

    /// <summary>Runs <paramref name="change"/> in a transaction; when it changed something, the paper is touched in it.</summary>
    private async Task<bool> InTransactionAsync(string paperId, Func<Task<bool>> change, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var changed = await change();
            if (changed)
            {
                await sequence.TouchPapersAsync([paperId], cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return changed;
        });
    }

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Comment writes require a signed-in user.");

    private static CommentOutcome NotFound(long id) => CommentOutcome.Fail(CommentFailure.CommentNotFound, $"There is no comment {id}.");

    private static CommentOutcome Gone() => CommentOutcome.Fail(CommentFailure.Deleted, "That comment was deleted.");
}
