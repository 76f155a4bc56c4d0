using Microsoft.Extensions.Options;
using Paperwire.Search.Hybrid;
using Paperwire.Search.Indexing;

namespace Paperwire.Search.Evaluation;

public sealed record MethodScore(SearchMode Mode, double Ndcg, double Mrr, double Recall, int Queries);

/// <summary>Runs every judged query with each method and averages the measures (<c>paperwire eval search</c>).</summary>
public sealed class SearchEvaluation(PaperSearch search)
{
    public const int Cutoff = 10;

    public IReadOnlyList<MethodScore> Run(EvaluationSet set) =>
        [.. new[] { SearchMode.Keyword, SearchMode.Semantic, SearchMode.Hybrid }.Select(mode => Score(search, set, mode))];

    /// <summary>Hybrid search under each fusion setting of a grid, for choosing the defaults.</summary>
    public static IReadOnlyList<(FusionSettings Settings, MethodScore Score)> Sweep(SearchIndexes indexes, SearchOptions baseline, EvaluationSet set)
    {
        var grid = new List<FusionSettings>();
        foreach (var weight in new[] { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8 })
        {
            grid.Add(new(FusionMethod.Rrf, weight, 10));
            grid.Add(new(FusionMethod.Rrf, weight, 60));
            grid.Add(new(FusionMethod.Weighted, weight, 0));
        }

        return [.. grid.Select(settings =>
        {
            var options = new SearchOptions
            {
                IndexDirectory = baseline.IndexDirectory,
                Embeddings = baseline.Embeddings,
                Candidates = baseline.Candidates,
                Fusion = settings.Method,
                SemanticWeight = settings.SemanticWeight,
                RrfK = settings.RrfK,
            };
            return (settings, Score(new PaperSearch(indexes, Options.Create(options)), set, SearchMode.Hybrid));
        })];
    }

    /// <summary>nDCG@10 of each query under each method, for finding where one method loses to another.</summary>
    public IReadOnlyList<(JudgedQuery Query, double Keyword, double Semantic, double Hybrid)> PerQuery(EvaluationSet set)
    {
        double Ndcg(JudgedQuery judged, SearchMode mode) => RankingMetrics.Ndcg(
            [.. search.Search(new SearchRequest(judged.Query, SearchFilters.None, 0, Cutoff, mode)).Results.Select(r => r.PaperId)],
            judged.Relevant,
            Cutoff);

        return [.. set.Queries.Select(q => (q, Ndcg(q, SearchMode.Keyword), Ndcg(q, SearchMode.Semantic), Ndcg(q, SearchMode.Hybrid)))];
    }

    private static MethodScore Score(PaperSearch search, EvaluationSet set, SearchMode mode)
    {
        {
            double ndcg = 0, mrr = 0, recall = 0;
            foreach (var judged in set.Queries)
            {
                var ranked = search.Search(new SearchRequest(judged.Query, SearchFilters.None, 0, Cutoff, mode)).Results.Select(r => r.PaperId).ToList();
                ndcg += RankingMetrics.Ndcg(ranked, judged.Relevant, Cutoff);
                mrr += RankingMetrics.ReciprocalRank(ranked, judged.Relevant, Cutoff);
                recall += RankingMetrics.Recall(ranked, judged.Relevant, Cutoff);
            }

            var n = set.Queries.Count;
            return new MethodScore(mode, ndcg / n, mrr / n, recall / n, n);
        }
    }
}
