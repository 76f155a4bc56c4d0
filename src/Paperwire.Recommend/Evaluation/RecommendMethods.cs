using Paperwire.Recommend.Model;
using Paperwire.Recommend.Ranking;
using Paperwire.Recommend.Signals;
using static System.Numerics.Tensors.TensorPrimitives;

namespace Paperwire.Recommend.Evaluation;

/// <summary>A way to rank the corpus for a synthetic reader: a baseline, or the model.</summary>
public interface IRecommendMethod
{
    string Name { get; }

    /// <summary>The best <paramref name="count"/> paper ids, never one the reader was given.</summary>
    IReadOnlyList<string> Rank(SyntheticReader reader, int count);
}

/// <summary>
/// The community's favourites, the same for everyone. The arXiv sample has no upvotes, so the upvotes are those of
/// the synthetic readers themselves (each upvoted their known positives); ties, most papers, go to the newest.
/// </summary>
public sealed class MostUpvoted(EvaluationCorpus corpus, IReadOnlyList<SyntheticReader> community) : IRecommendMethod
{
    private readonly List<CatalogPaper> ranked = [.. corpus.Papers.Select(p => p.Paper)
        .OrderByDescending(p => community.Count(r => r.Signals.Positives.Any(s => s.Paper.Id == p.Id)))
        .ThenByDescending(p => p.PublishedOn).ThenByDescending(p => p.Id, StringComparer.Ordinal)];

    public string Name => "most-upvoted";

    public IReadOnlyList<string> Rank(SyntheticReader reader, int count) =>
        [.. ranked.Where(p => !reader.Given.Contains(p.Id)).Take(count).Select(p => p.Id)];
}

/// <summary>What a feed filtered to the reader's followed categories shows: newest first.</summary>
public sealed class NewestInFollowedCategories(EvaluationCorpus corpus) : IRecommendMethod
{
    private readonly List<CatalogPaper> newest = [.. corpus.Papers.Select(p => p.Paper)
        .OrderByDescending(p => p.PublishedOn).ThenByDescending(p => p.Id, StringComparer.Ordinal)];

    public string Name => "newest-in-followed";

    public IReadOnlyList<string> Rank(SyntheticReader reader, int count) =>
        [.. newest.Where(p => !reader.Given.Contains(p.Id) && p.Categories.Any(reader.Signals.Follows.Categories.Contains)).Take(count).Select(p => p.Id)];
}

/// <summary>Nearest neighbours of the mean of the reader's positives' vectors (no negatives, no categories).</summary>
public sealed class CentroidNeighbours(EvaluationCorpus corpus, CandidatePool pool) : IRecommendMethod
{
    public string Name => "centroid-neighbours";

    public IReadOnlyList<string> Rank(SyntheticReader reader, int count)
    {
        var centroid = new float[pool.Dimensions];
        foreach (var positive in reader.Signals.Positives)
        {
            corpus.Vectors.TryGet(positive.Paper.Id, out var vector);
            Add(centroid, vector, centroid);
        }

        return [.. Enumerable.Range(0, pool.Count)
            .Where(row => !reader.Given.Contains(pool.Paper(row).Id))
            .OrderByDescending(row => Dot(centroid, pool.Vector(row)))
            .Take(count)
            .Select(row => pool.Paper(row).Id)];
    }
}

/// <summary>The production path: train the reader's model on their signals, then rank the pool with the same ranker the app uses.</summary>
public sealed class ModelMethod(string name, EvaluationCorpus corpus, CandidatePool pool, RecommendOptions options) : IRecommendMethod
{
    private readonly ReaderModelTrainer trainer = new(corpus.Vectors, options);
    private readonly Recommender recommender = new(corpus.Vectors, options);

    public string Name => name;

    public IReadOnlyList<string> Rank(SyntheticReader reader, int count)
    {
        var model = trainer.Train(reader.Signals, pool, reader.Seed);
        return [.. recommender.Recommend(reader.Signals, model, pool, count).Select(r => r.Paper.Id)];
    }
}
