using Paperwire.Cli;
using Paperwire.Ingest.DemoCorpus;
using Paperwire.Recommend;
using Paperwire.Recommend.Evaluation;
using Paperwire.Recommend.Model;
using Paperwire.Recommend.Ranking;
using Paperwire.Recommend.Signals;

namespace Paperwire.Tests.Recommend;

/// <summary>
/// Real papers with their real vectors for the ranking tests: the shipped arXiv sample and shipped vectors, loaded
/// once (about a second) and shared, read-only, by every test.
/// </summary>
internal static class ShippedCorpus
{
    private static readonly Lazy<EvaluationCorpus> Loaded = new(() => EvalRecommendCommand.LoadCorpus(new DemoCorpusOptions().ArxivSamplePath));

    public static EvaluationCorpus Corpus => Loaded.Value;

    public static IReadOnlyList<CatalogPaper> InCategory(string primary) =>
        [.. Corpus.Papers.Where(p => p.PrimaryCategory == primary).Select(p => p.Paper).OrderBy(p => p.Id, StringComparer.Ordinal)];

    public static CandidatePool Pool(IEnumerable<CatalogPaper> papers) => CandidatePool.Gather(papers, Corpus.Vectors);

    public static ReaderSignals Upvoted(IEnumerable<CatalogPaper> papers, long version = 1, IEnumerable<CatalogPaper>? notInterested = null, ReaderFollows? follows = null) =>
        new(version, [.. papers.Select(p => new PositiveSignal(p, SignalKind.Upvote))], [.. notInterested ?? []], follows ?? ReaderFollows.None);

    public static IReadOnlyList<Recommendation> Rank(ReaderSignals signals, CandidatePool pool, int count, RecommendOptions? options = null)
    {
        options ??= new RecommendOptions();
        var model = new ReaderModelTrainer(Corpus.Vectors, options).Train(signals, pool, seed: 1);
        return new Recommender(Corpus.Vectors, options).Recommend(signals, model, pool, count);
    }
}
