using Paperwire.Search.Hybrid;

namespace Paperwire.Search.Evaluation;

public sealed record MethodScore(SearchMode Mode, double Ndcg, double Mrr, double Recall, int Queries);

/// <summary>Runs every judged query with each method and averages the measures (<c>paperwire eval search</c>).</summary>
public sealed class SearchEvaluation(PaperSearch search)
{
    public const int Cutoff = 10;

    public IReadOnlyList<MethodScore> Run(EvaluationSet set)
    {
        var scores = new List<MethodScore>();
        foreach (var mode in new[] { SearchMode.Keyword, SearchMode.Semantic, SearchMode.Hybrid })
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
            scores.Add(new MethodScore(mode, ndcg / n, mrr / n, recall / n, n));
        }

        return scores;
    }
}
