using Microsoft.AspNetCore.OutputCaching;

namespace Paperwire.Hosting;

/// <summary>
/// Output caching for everything drawn from the daily feed (pages, API, syndication feeds).
/// Entries vary by path and query and are evicted together whenever feed data changes.
/// </summary>
public sealed class FeedCache(IOutputCacheStore store)
{
    public const string Policy = "feed";
    private const string Tag = "feed";

    public static void Configure(OutputCachePolicyBuilder policy) =>
        policy.Expire(TimeSpan.FromMinutes(10)).SetVaryByQuery("*").SetVaryByHeader("Accept").Tag(Tag);

    /// <summary>Call after any write that a feed page, API answer or syndication feed shows.</summary>
    public ValueTask InvalidateAsync(CancellationToken cancellationToken) => store.EvictByTagAsync(Tag, cancellationToken);
}
