using Paperwire.Search.Evaluation;

namespace Paperwire.Tests.Search;

public sealed class RankingMetricsTests
{
    private static readonly Dictionary<string, int> Grades = new() { ["a"] = 3, ["b"] = 1, ["c"] = 2 };

    [Fact]
    public void Ideal_order_scores_one_and_reversed_order_less()
    {
        Assert.Equal(1.0, RankingMetrics.Ndcg(["a", "c", "b"], Grades, 10), 6);
        Assert.InRange(RankingMetrics.Ndcg(["b", "c", "a"], Grades, 10), 0.5, 0.9);
        Assert.Equal(0.0, RankingMetrics.Ndcg(["x", "y"], Grades, 10));
    }

    [Fact]
    public void Reciprocal_rank_is_one_over_the_first_relevant_position_within_the_cutoff()
    {
        Assert.Equal(1.0 / 3, RankingMetrics.ReciprocalRank(["x", "y", "b"], Grades, 10), 6);
        Assert.Equal(0.0, RankingMetrics.ReciprocalRank(["x", "y", "b"], Grades, 2));
    }

    [Fact]
    public void Recall_counts_judged_papers_found_in_the_top_k() =>
        Assert.Equal(2.0 / 3, RankingMetrics.Recall(["c", "x", "b"], Grades, 10), 6);
}
