using Paperwire.Recommend.Ranking;
using Paperwire.Recommend.Signals;
using Paperwire.Recommend.Vectors;
using Paperwire.Search.Indexing;

namespace Paperwire.ForYou;

/// <summary>
/// One <see cref="CandidatePool"/> per window, shared by every reader of this node and gathered again when the
/// serving index generation or its vector sequence moves (a new, changed or withdrawn paper reaches the index,
/// and so the pool, through the change sequence).
/// </summary>
public sealed class CandidatePools(SearchIndexes indexes, IPaperVectors vectors)
{
    /// <summary>Windows kept at once; beyond it the cache starts over (a pool is rebuilt in one database read).</summary>
    private const int MaxWindows = 16;

    private readonly Dictionary<CandidateWindow, (string Stamp, CandidatePool Pool)> pools = [];
    private readonly Lock gate = new();

    public async Task<CandidatePool> GetAsync(CandidateWindow window, Func<CandidateWindow, Task<IReadOnlyList<CatalogPaper>>> papers)
    {
        var generation = indexes.Current;
        var stamp = $"{generation.Name}@{generation.VectorSequence}";
        lock (gate)
        {
            if (pools.TryGetValue(window, out var cached) && cached.Stamp == stamp)
            {
                return cached.Pool;
            }
        }

        // Two readers asking at once may both gather: the same pool twice, rather than one waiting on the other.
        var pool = CandidatePool.Gather(await papers(window), vectors);
        lock (gate)
        {
            if (pools.Count >= MaxWindows)
            {
                pools.Clear();
            }

            pools[window] = (stamp, pool);
        }

        return pool;
    }
}
