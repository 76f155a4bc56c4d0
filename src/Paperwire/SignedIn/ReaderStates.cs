using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Paperwire.Core.Readers;
using Paperwire.ForYou;
using Paperwire.Hosting;
using Paperwire.Storage;

namespace Paperwire.SignedIn;

/// <summary>
/// Every signed-in reader's <see cref="ReaderState"/>, kept in memory so that a page costs no query for it. An entry
/// is good while nothing has changed: it is keyed by the catalog's stamp (<see cref="FeedCacheInvalidator.Stamp"/>,
/// which votes move on every node) and by this node's <see cref="LocalWrites"/> (a follow or a "not interested" moves
/// no catalog data), and it lives one poll interval at most, so a mark made on another node shows here within the
/// interval, as votes do.
/// </summary>
public sealed class ReaderStates(IServiceScopeFactory scopes, FeedCacheInvalidator invalidator, LocalWrites writes, IOptions<FeedCacheOptions> options) : IDisposable
{
    // One entry per reader active within the interval; the limit only guards memory against a flood of sign-ins.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    /// <summary>The reader's marks; loaded with two queries when not known for the current stamp.</summary>
    public async ValueTask<ReaderState> GetAsync(string userId, CancellationToken cancellationToken)
    {
        // Taken before the load: a write that lands meanwhile moves the stamp, and the next request loads again.
        var stamp = Stamp();
        if (cache.TryGetValue(userId, out Entry? entry) && entry!.Stamp == stamp)
        {
            return entry.State;
        }

        var state = await LoadAsync(userId, cancellationToken);
        cache.Set(userId, new Entry(stamp, state), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.PollInterval });
        return state;
    }

    public void Dispose() => cache.Dispose();

    private string Stamp() => $"{invalidator.Stamp}+{writes.Count}";

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

    private sealed record Entry(string Stamp, ReaderState State);
}
