using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.ForYou;
using Paperwire.Storage;

namespace Paperwire.Accounts;

/// <summary>
/// Everything Paperwire holds about one reader, as the JSON of <c>GET /api/account/export</c>: profile, comments,
/// collections, submissions, authorship claims, organizations, digest subscriptions, API tokens and sign-in sessions
/// (never a secret: token hashes, session tickets and the password hash stay out), and every signal of the personal
/// ranking (votes included) as <c>GET /api/account/interests</c> gives it.
/// </summary>
public sealed record AccountExport(
    DateTimeOffset ExportedAt,
    AccountProfile Profile,
    IReadOnlyList<ExportedComment> Comments,
    IReadOnlyList<ExportedList> Collections,
    IReadOnlyList<ExportedSubmission> Submissions,
    IReadOnlyList<ExportedClaim> AuthorshipClaims,
    IReadOnlyList<string> Organizations,
    IReadOnlyList<ExportedSubscription> DigestSubscriptions,
    IReadOnlyList<ExportedToken> ApiTokens,
    IReadOnlyList<ExportedSession> Sessions,
    InterestsExport Interests);

public sealed record AccountProfile(string UserName, string? Email, bool EmailConfirmed, DateTimeOffset JoinedAt);

public sealed record ExportedComment(long Id, string PaperId, long? ReplyTo, string Markdown, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, DateTimeOffset? DeletedAt, bool HiddenByModerator);

public sealed record ExportedList(string Name, string Slug, string? Description, bool IsPublic, DateTimeOffset CreatedAt, IReadOnlyList<ExportedListItem> Items);

public sealed record ExportedListItem(string PaperId, string? Note, DateTimeOffset AddedAt);

public sealed record ExportedSubmission(string PaperId, DateOnly FeedDate, DateTimeOffset SubmittedAt);

public sealed record ExportedClaim(string PaperId, int AuthorIndex, string Status, DateTimeOffset CreatedAt);

public sealed record ExportedSubscription(
    string Email, string Status, string Frequency, int PaperCount, IReadOnlyList<string> Categories, IReadOnlyList<string> Organizations,
    string? SearchQuery, bool PersonalPicks, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, DateTimeOffset? UnsubscribedAt);

public sealed record ExportedToken(string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public sealed record ExportedSession(string? Device, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset? ExpiresAt);

/// <summary>Reads a reader's <see cref="AccountExport"/>; null when the account no longer exists.</summary>
public sealed class AccountExporter(PaperwireDbContext db, InterestsExporter interests, TimeProvider clock)
{
    public async Task<AccountExport?> ReadAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var comments = await db.Comments.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.Id)
            .Select(c => new ExportedComment(c.Id, c.PaperId, c.ParentId, c.Markdown, c.CreatedAt, c.EditedAt, c.DeletedAt, c.HiddenAt != null))
            .ToListAsync(cancellationToken);
        var collections = await db.Collections.AsNoTracking().Include(c => c.Items).Where(c => c.OwnerId == userId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var submissions = await db.FeedEntries.AsNoTracking().Where(f => f.SubmittedBy == user.UserName).OrderBy(f => f.SubmittedAt)
            .Select(f => new ExportedSubmission(f.PaperId, f.FeedDate, f.SubmittedAt)).ToListAsync(cancellationToken);
        var claims = await db.AuthorshipClaims.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var organizations = await db.OrganizationMembers.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.OrganizationName).Order().ToListAsync(cancellationToken);
        // Subscriptions key addresses in lower case (EmailAddress), Identity in upper case: compare the former.
        var address = EmailAddress.TryNormalize(user.Email, out _, out var normalized) ? normalized : null;
        var subscriptions = await db.DigestSubscriptions.AsNoTracking()
            .Where(s => s.UserId == userId || (address != null && s.NormalizedEmail == address))
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id)
            .Select(t => new ExportedToken(t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt)).ToListAsync(cancellationToken);
        var sessions = await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt)
            .Select(s => new ExportedSession(s.Device, s.CreatedAt, s.LastSeenAt, s.ExpiresAt)).ToListAsync(cancellationToken);

        return new AccountExport(
            clock.GetUtcNow(),
            new AccountProfile(user.UserName!, user.Email, user.EmailConfirmed, user.JoinedAt),
            comments,
            [.. collections.Select(c => new ExportedList(
                c.Name, c.Slug, c.Description, c.IsPublic, c.CreatedAt,
                [.. c.Items.OrderBy(i => i.Position).Select(i => new ExportedListItem(i.PaperId, i.Note, i.AddedAt))]))],
            submissions,
            [.. claims.Select(c => new ExportedClaim(c.PaperId, c.AuthorIndex, c.Status.ToString(), c.CreatedAt))],
            organizations,
            [.. subscriptions.Select(s => new ExportedSubscription(
                s.Email, s.Status.ToString(), s.Frequency.ToString(), s.PaperCount, s.Categories, s.Organizations,
                s.SearchQuery, s.PersonalPicks, s.CreatedAt, s.ConfirmedAt, s.UnsubscribedAt))],
            tokens,
            sessions,
            await interests.ReadAsync(userId, cancellationToken));
    }
}
