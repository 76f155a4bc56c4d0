using Paperwire.Recommend.Ranking;
using Paperwire.Recommend.Signals;
using Paperwire.Recommend.Vectors;
using Paperwire.Search.Indexing;

namespace Paperwire.ForYou;

/// <summary>
/// A window's candidates: the <see cref="CandidatePool"/> of its embedded papers, and the category counts of all its
/// papers (a paper not embedded yet cannot be ranked, but its category is still one the catalog has).
/// </summary>
public sealed record WindowCandidates(CandidatePool Pool, IReadOnlyList<(string Category, int Papers)> Categories);

/// <summary>
/// One <see cref="WindowCandidates"/> per window, shared by every reader of this node and gathered again when the
/// serving index generation or its vector sequence moves (a new, changed or withdrawn paper reaches the index,
/// and so the pool, through the change sequence).
/// </summary>
public sealed class CandidatePools(SearchIndexes indexes, IPaperVectors vectors)
{
    /// <summary>Windows kept at once; beyond it the cache starts over (a pool is rebuilt in one database read).</summary>
    private const int MaxWindows = 16;

    private readonly Dictionary<CandidateWindow, (string Stamp, WindowCandidates Candidates)> pools = [];
    private readonly Lock gate = new();

    public async Task<WindowCandidates> GetAsync(CandidateWindow window, Func<CandidateWindow, Task<IReadOnlyList<CatalogPaper>>> papers)
    {
        var generation = indexes.Current;
        var stamp = $"{generation.Name}@{generation.VectorSequence}";
        lock (gate)
        {
            if (pools.TryGetValue(window, out var cached) && cached.Stamp == stamp)
            {
                return cached.Candidates;
            }
        }

        // Two readers asking at once may both gather: the same pool twice, rather than one waiting on the other.
        var all = await papers(window);
        var candidates = new WindowCandidates(CandidatePool.Gather(all, vectors), CountCategories(all));
        lock (gate)
        {
            if (pools.Count >= MaxWindows)
            {
                pools.Clear();
            }

            pools[window] = (stamp, candidates);
        }

        return candidates;
    }

    /// <summary>Categories of the papers that are not withdrawn, most papers first, then by name.</summary>
    private static IReadOnlyList<(string Category, int Papers)> CountCategories(IReadOnlyList<CatalogPaper> papers) =>
        [.. papers.Where(p => !p.Withdrawn)
            .SelectMany(p => p.Categories)
            .CountBy(c => c, StringComparer.Ordinal)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key, c.Value))];
}
