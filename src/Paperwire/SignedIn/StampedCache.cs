using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Paperwire.Hosting;

namespace Paperwire.SignedIn;

/// <summary>
/// Data that signed-in pages read on every request (a reader's marks, a paper's discussion, claims and collections),
/// kept in memory so that a page costs no query for it. An entry is good while nothing has changed: it is keyed by the
/// catalog's stamp (<see cref="FeedCacheInvalidator.Stamp"/>, which votes and comments move on every node) and by this
/// node's <see cref="LocalWrites"/> (a follow or a collection change moves no catalog data), and it lives one poll
/// interval at most, so a change made on another node shows here within the interval, as votes do.
/// </summary>
public sealed class StampedCache(FeedCacheInvalidator invalidator, LocalWrites writes, IOptions<FeedCacheOptions> options) : IDisposable
{
    // One entry per reader or paper asked for within the interval; the limit only guards memory against a flood.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    /// <summary>The value under <paramref name="key"/>, loaded by <paramref name="load"/> when not known for the current stamp.</summary>
    public async ValueTask<T> GetAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
        where T : class
    {
        // Taken before the load: a write that lands meanwhile moves the stamp, and the next request loads again.
        var stamp = $"{invalidator.Stamp}+{writes.Count}";
        if (cache.TryGetValue(key, out Entry? entry) && entry!.Stamp == stamp && entry.Value is T known)
        {
            return known;
        }

        var value = await load(cancellationToken);
        cache.Set(key, new Entry(stamp, value), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.PollInterval });
        return value;
    }

    public void Dispose() => cache.Dispose();

    private sealed record Entry(string Stamp, object Value);
}
