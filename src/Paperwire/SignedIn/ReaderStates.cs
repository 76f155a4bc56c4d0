using Microsoft.EntityFrameworkCore;
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
    /// <summary>The reader's marks; loaded with two queries when not known for the current stamp.</summary>
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
        return new ReaderState(
            upvoted.ToHashSet(StringComparer.Ordinal),
            signals.Where(s => s.Kind == ReaderSignalKind.NotInterested).Select(s => s.Target).ToHashSet(StringComparer.Ordinal),
            signals.Where(s => s.Kind != ReaderSignalKind.NotInterested).Select(s => (s.Kind, s.Target)).ToHashSet());
    }
}
