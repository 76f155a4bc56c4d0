using Microsoft.Extensions.Options;
using Paperwire.Search.Indexing;
using Paperwire.Storage.Coordination;
using Paperwire.Storage.Glance;

namespace Paperwire.Hosting;

/// <summary>Configuration section <c>Paperwire:Cache</c>.</summary>
public sealed class FeedCacheOptions
{
    public const string Section = "Paperwire:Cache";

    /// <summary>How often to look for changes made by other writers (CLI imports, other nodes, background jobs).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Evicts cached pages whenever the catalog's change sequence moves, whoever wrote: this node's background
/// jobs, a <c>paperwire import</c> in another process, or another node on the same PostgreSQL. One indexed
/// single-row read per interval; pages are never staler than the interval.
/// </summary>
/// Paper pages also show similar papers, so a new search index state (vectors embedded, a rebuild promoted)
/// evicts them too; and cards show key sentences, so do new ones (<see cref="GlanceWork.WritesAsync"/>).
public sealed class FeedCacheInvalidator(
    IServiceScopeFactory scopes,
    SearchIndexes searchIndexes,
    IOptions<FeedCacheOptions> options,
    ILogger<FeedCacheInvalidator> logger) : BackgroundService
{
    /// <summary>The last change sequence number this invalidator has acted on (tests wait for it).</summary>
    public long ObservedSequence { get; private set; } = -1;

    /// <summary>
    /// The data's version as last observed; part of every cache key. Eviction alone leaves a race: a request that read
    /// the old data can store its answer just after the eviction, and that answer would be served for the entry's
    /// whole lifetime. Under a versioned key it is served only until the next poll sees the change.
    /// </summary>
    public string Version { get; private set; } = "";

    private long localChanges;

    /// <summary>
    /// <see cref="Version"/> plus the writes this node made since (<see cref="NoteLocalChange"/>): what a shared answer
    /// cached in memory is keyed by, so this node's own writes show at once and other nodes' within one poll.
    /// </summary>
    public string Stamp => $"{Version}#{Interlocked.Read(ref localChanges)}";

    /// <summary>Called by <see cref="FeedCache.InvalidateAsync"/> after a write in this process.</summary>
    public void NoteLocalChange() => Interlocked.Increment(ref localChanges);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        (long, string, long)? seen = null;
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var current = (
                    await scope.ServiceProvider.GetRequiredService<ChangeSequence>().CurrentAsync(stoppingToken),
                    SearchState(),
                    await scope.ServiceProvider.GetRequiredService<GlanceWork>().WritesAsync(stoppingToken));
                if (seen is not null && current != seen)
                {
                    await scope.ServiceProvider.GetRequiredService<FeedCache>().InvalidateAsync(stoppingToken);
                    logger.LogDebug("Catalog changed ({From} → {To}); cached pages evicted", seen, current);
                }

                seen = current;
                Version = $"{current.Item1}/{current.Item2}/{current.Item3}";
                ObservedSequence = current.Item1;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The database may be migrating or briefly unreachable; /healthz reports that, we just try again.
                logger.LogDebug(error, "Could not read the change sequence");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Where the search index stands; a search index that fails to open must not stop page eviction.</summary>
    private string SearchState()
    {
        try
        {
            var generation = searchIndexes.Current;
            return $"{generation.Name}@{generation.VectorSequence}";
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException or InvalidDataException)
        {
            logger.LogDebug(error, "Could not read the search index state");
            return "";
        }
    }
}
