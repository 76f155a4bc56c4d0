namespace Paperwire.Search.Hybrid;

/// <summary>
/// Reciprocal rank fusion: a paper scores 1/(k + rank) in each list it appears in. Uses only ranks, so BM25
/// scores (unbounded) and cosine similarities (narrow band) need no calibration against each other.
/// k = 60 is the value of the original paper (Cormack et al., 2009); docs/search.md has the measured comparison.
/// </summary>
public static class ReciprocalRankFusion
{
    public const int DefaultK = 60;

    public static IReadOnlyList<RankedPaper> Fuse(IReadOnlyList<string> keyword, IReadOnlyList<string> semantic, int k = DefaultK)
    {
        var fused = new Dictionary<string, RankedPaper>(StringComparer.Ordinal);
        for (var i = 0; i < keyword.Count; i++)
        {
            fused[keyword[i]] = new RankedPaper(keyword[i], 1.0 / (k + i + 1), i + 1, null);
        }

        for (var i = 0; i < semantic.Count; i++)
        {
            var score = 1.0 / (k + i + 1);
            fused[semantic[i]] = fused.TryGetValue(semantic[i], out var seen)
                ? seen with { Score = seen.Score + score, SemanticRank = i + 1 }
                : new RankedPaper(semantic[i], score, null, i + 1);
        }

        // Ties (a paper at rank r in one list only) keep keyword order first, then the id, so pages are stable.
        return [.. fused.Values
            .OrderByDescending(p => p.Score)
            .ThenBy(p => p.KeywordRank ?? int.MaxValue)
            .ThenBy(p => p.SemanticRank ?? int.MaxValue)
            .ThenBy(p => p.PaperId, StringComparer.Ordinal)];
    }
}
