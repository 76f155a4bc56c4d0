namespace Paperwire.Search.Hybrid;

public enum FusionMethod
{
    /// <summary>Reciprocal rank fusion: each list adds weight/(k + rank).</summary>
    Rrf,

    /// <summary>A weighted sum of scores normalized per query (BM25 by its best score, cosine min–max over the candidates).</summary>
    Weighted,
}

/// <summary>A candidate from one method with that method's raw score (BM25, or cosine similarity).</summary>
public sealed record Scored(string PaperId, double Score);

/// <summary>
/// Merges the keyword and meaning lists into one ranking. Both methods are kept in code because which one wins
/// is an empirical question: <c>paperwire eval search --sweep</c> measures them on the judged queries, and the
/// defaults in <see cref="SearchOptions"/> are the measured winner (docs/search.md).
/// </summary>
public static class Fusion
{
    public static IReadOnlyList<RankedPaper> Fuse(IReadOnlyList<Scored> keyword, IReadOnlyList<Scored> semantic, FusionSettings settings)
    {
        var keywordScores = settings.Method == FusionMethod.Rrf ? RankScores(keyword, settings.RrfK) : NormalizeByMax(keyword);
        var semanticScores = settings.Method == FusionMethod.Rrf ? RankScores(semantic, settings.RrfK) : NormalizeMinMax(semantic);
        var w = settings.SemanticWeight;

        var fused = new Dictionary<string, RankedPaper>(StringComparer.Ordinal);
        for (var i = 0; i < keyword.Count; i++)
        {
            fused[keyword[i].PaperId] = new RankedPaper(keyword[i].PaperId, (1 - w) * keywordScores[i], i + 1, null);
        }

        for (var i = 0; i < semantic.Count; i++)
        {
            var id = semantic[i].PaperId;
            var score = w * semanticScores[i];
            fused[id] = fused.TryGetValue(id, out var seen)
                ? seen with { Score = seen.Score + score, SemanticRank = i + 1 }
                : new RankedPaper(id, score, null, i + 1);
        }

        // Ties keep keyword order first, then meaning order, then the id, so pages are stable.
        return [.. fused.Values
            .OrderByDescending(p => p.Score)
            .ThenBy(p => p.KeywordRank ?? int.MaxValue)
            .ThenBy(p => p.SemanticRank ?? int.MaxValue)
            .ThenBy(p => p.PaperId, StringComparer.Ordinal)];
    }

    private static double[] RankScores(IReadOnlyList<Scored> list, int k) =>
        [.. list.Select((_, i) => 1.0 / (k + i + 1))];

    private static double[] NormalizeByMax(IReadOnlyList<Scored> list)
    {
        var max = list.Count == 0 ? 0 : list.Max(s => s.Score);
        return [.. list.Select(s => max > 0 ? s.Score / max : 0)];
    }

    private static double[] NormalizeMinMax(IReadOnlyList<Scored> list)
    {
        if (list.Count == 0)
        {
            return [];
        }

        var min = list.Min(s => s.Score);
        var max = list.Max(s => s.Score);
        return [.. list.Select(s => max > min ? (s.Score - min) / (max - min) : 1)];
    }
}

/// <summary>How to fuse: method, the weight of meaning (0 = keyword only, 1 = meaning only) and RRF's k.</summary>
public sealed record FusionSettings(FusionMethod Method, double SemanticWeight, int RrfK);
