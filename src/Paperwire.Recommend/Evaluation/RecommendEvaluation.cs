using Paperwire.Recommend.Model;
using Paperwire.Recommend.Ranking;
using Paperwire.Search.Evaluation;

namespace Paperwire.Recommend.Evaluation;

/// <summary>One method's averages over a kind of reader (null: all readers).</summary>
/// <param name="Dismissed10">Share of the top 10 from a topic the reader marked not interested (not-interested readers only).</param>
public sealed record MethodScores(string Method, ReaderKind? Kind, double Ndcg10, double Precision10, double Recall50, double Dismissed10, int Readers);

/// <summary>
/// <c>paperwire eval recommend</c>: every method ranks the whole corpus for every synthetic reader, and is scored on
/// the reader's held-out papers with nDCG@10 (binary gains), precision@10 and recall@50.
/// </summary>
public static class RecommendEvaluation
{
    public const int Depth = 50;

    /// <summary>The baselines, closeness (what a reader with under 3 positives gets), and both classifiers.</summary>
    public static IReadOnlyList<IRecommendMethod> Methods(EvaluationCorpus corpus, CandidatePool pool, IReadOnlyList<SyntheticReader> readers, RecommendOptions options) =>
    [
        new MostUpvoted(corpus, readers),
        new NewestInFollowedCategories(corpus),
        new CentroidNeighbours(corpus, pool),
        new ModelMethod("closeness (cold start)", corpus, pool, options with { MinimumPositives = int.MaxValue }),
        new ModelMethod("logistic regression", corpus, pool, options with { Classifier = ModelKind.LogisticRegression }),
        new ModelMethod("linear SVM", corpus, pool, options with { Classifier = ModelKind.LinearSvm }),
    ];

    public static IReadOnlyList<MethodScores> Run(EvaluationCorpus corpus, EvaluationSettings settings, RecommendOptions options)
    {
        var pool = CandidatePool.Gather(corpus.Papers.Select(p => p.Paper), corpus.Vectors);
        var readers = new SyntheticReaders(corpus, settings).Generate();
        return Score(Methods(corpus, pool, readers, options), readers);
    }

    public static IReadOnlyList<MethodScores> Score(IEnumerable<IRecommendMethod> methods, IReadOnlyList<SyntheticReader> readers)
    {
        var results = new List<MethodScores>();
        foreach (var method in methods)
        {
            var perReader = readers.Select(reader => (reader.Kind, Measures: Measure(reader, method.Rank(reader, Depth)))).ToList();
            foreach (var kind in Enum.GetValues<ReaderKind>())
            {
                results.Add(Average(method.Name, kind, [.. perReader.Where(r => r.Kind == kind).Select(r => r.Measures)]));
            }

            results.Add(Average(method.Name, null, [.. perReader.Select(r => r.Measures)]));
        }

        return results;
    }

    private static (double Ndcg, double Precision, double Recall, double Dismissed) Measure(SyntheticReader reader, IReadOnlyList<string> ranked)
    {
        var grades = reader.HeldOut.ToDictionary(id => id, _ => 1, StringComparer.Ordinal);
        var top = ranked.Take(10).ToList();
        return (
            RankingMetrics.Ndcg(ranked, grades, 10),
            top.Count(reader.HeldOut.Contains) / 10.0,
            RankingMetrics.Recall(ranked, grades, Depth),
            top.Count(reader.Unwanted.Contains) / 10.0);
    }

    private static MethodScores Average(string method, ReaderKind? kind, List<(double Ndcg, double Precision, double Recall, double Dismissed)> measures) =>
        measures.Count == 0
            ? new MethodScores(method, kind, 0, 0, 0, 0, 0)
            : new MethodScores(method, kind, measures.Average(m => m.Ndcg), measures.Average(m => m.Precision), measures.Average(m => m.Recall), measures.Average(m => m.Dismissed), measures.Count);
}
