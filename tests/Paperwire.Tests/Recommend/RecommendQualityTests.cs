using Paperwire.Recommend;
using Paperwire.Recommend.Evaluation;

namespace Paperwire.Tests.Recommend;

/// <summary>
/// The quality bar of issue 12 on the shipped corpora (docs/recommend.md), with fewer readers than the documented
/// run so it takes seconds: the default model beats every baseline on nDCG@10 over all readers.
/// </summary>
public sealed class RecommendQualityTests
{
    [Fact]
    public void Run_DefaultModel_BeatsEveryBaselineOnNdcgAt10()
    {
        var scores = RecommendEvaluation.Run(ShippedCorpus.Corpus, new EvaluationSettings { ReadersPerKind = 15, Seed = 5 }, new RecommendOptions())
            .Where(s => s.Kind is null)
            .ToDictionary(s => s.Method);

        var model = scores["linear SVM"];
        foreach (var baseline in new[] { "most-upvoted", "newest-in-followed", "centroid-neighbours" })
        {
            Assert.True(model.Ndcg10 > scores[baseline].Ndcg10 + 0.1, $"nDCG@10: model {model.Ndcg10:F3} vs {baseline} {scores[baseline].Ndcg10:F3}");
        }
    }
}
