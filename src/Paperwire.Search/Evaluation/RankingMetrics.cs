namespace Paperwire.Search.Evaluation;

/// <summary>
/// Standard ranking measures at a cutoff. nDCG uses graded gains (2^grade − 1) with a log2 discount, against the
/// ideal ordering of all judged papers; MRR and recall count a paper as relevant at grade 1 or more.
/// </summary>
public static class RankingMetrics
{
    public static double Ndcg(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades, int k)
    {
        var ideal = Dcg(grades.Values.OrderDescending().Take(k));
        return ideal == 0 ? 0 : Dcg(ranked.Take(k).Select(id => grades.GetValueOrDefault(id))) / ideal;
    }

    public static double ReciprocalRank(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades, int k)
    {
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (grades.GetValueOrDefault(ranked[i]) > 0)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    public static double Recall(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades, int k)
    {
        var relevant = grades.Count(g => g.Value > 0);
        return relevant == 0 ? 0 : (double)ranked.Take(k).Count(id => grades.GetValueOrDefault(id) > 0) / relevant;
    }

    private static double Dcg(IEnumerable<int> grades) =>
        grades.Select((grade, i) => (Math.Pow(2, grade) - 1) / Math.Log2(i + 2)).Sum();
}
