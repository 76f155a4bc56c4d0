using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Core.Readers;
using Paperwire.ForYou;
using Paperwire.Storage;

namespace Paperwire.SignedIn;

/// <summary>
/// Every signed-in reader's <see cref="ReaderState"/>, kept in memory (<see cref="StampedCache"/>) so that a page
/// costs no query for it.
/// </summary>
public sealed class ReaderStates(IServiceScopeFactory scopes, StampedCache cache)
{
    /// <summary>The reader's marks; loaded with a few small queries when not known for the current stamp.</summary>
    public ValueTask<ReaderState> GetAsync(string userId, CancellationToken cancellationToken) =>
        cache.GetAsync($"reader-state\n{userId}", ct => LoadAsync(userId, ct), cancellationToken);

    private async Task<ReaderState> LoadAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaperwireDbContext>();
        var upvoted = await db.Votes.AsNoTracking().Where(v => v.UserId == userId).Select(v => v.PaperId).ToListAsync(cancellationToken);
        var signals = await db.ReaderSignals.AsNoTracking()
            .Where(s => s.UserId == userId && (s.Kind == ReaderSignalKind.NotInterested || FollowRules.FollowKinds.Contains(s.Kind)))
            .Select(s => new { s.Kind, s.Target }).ToListAsync(cancellationToken);
        var claimed = await db.AuthorshipClaims.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.PaperId).ToListAsync(cancellationToken);
        var commented = await db.Comments.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.PaperId).Distinct().ToListAsync(cancellationToken);
        var hasCollections = await db.Collections.AnyAsync(c => c.OwnerId == userId, cancellationToken);
        var moderates = await db.UserRoles.Where(r => r.UserId == userId)
            .Join(db.Roles, userRole => userRole.RoleId, role => role.Id, (_, role) => role.Name)
            .AnyAsync(name => name == Roles.Moderator || name == Roles.Admin, cancellationToken);
        return new ReaderState
        {
            UpvotedPapers = upvoted.ToHashSet(StringComparer.Ordinal),
            NotInterestedPapers = signals.Where(s => s.Kind == ReaderSignalKind.NotInterested).Select(s => s.Target).ToHashSet(StringComparer.Ordinal),
            Followed = signals.Where(s => s.Kind != ReaderSignalKind.NotInterested).Select(s => (s.Kind, s.Target)).ToHashSet(),
            ClaimedPapers = claimed.ToHashSet(StringComparer.Ordinal),
            CommentedPapers = commented.ToHashSet(StringComparer.Ordinal),
            HasCollections = hasCollections,
            Moderates = moderates,
        };
    }
}
