using Paperwire.Recommend.Model;

namespace Paperwire.Recommend;

/// <summary>Added to a paper's score when it matches something the reader follows.</summary>
public sealed record FollowBonus(float Category, float Organization, float Author)
{
    public bool IsZero => Category == 0 && Organization == 0 && Author == 0;
}

/// <summary>
/// Settings of the model and the ranking. The defaults are the ones measured in docs/recommend.md
/// (<c>paperwire eval recommend</c>); change them only with a new measurement.
/// </summary>
public sealed record RecommendOptions
{
    /// <summary>The classifier trained from <see cref="MinimumPositives"/> positives on.</summary>
    public ModelKind Classifier { get; init; } = ModelKind.LinearSvm;

    /// <summary>Below this many positives (with vectors) a reader is scored by closeness to them instead.</summary>
    public int MinimumPositives { get; init; } = 3;

    /// <summary>Catalog papers sampled from the pool as background negatives: "papers in general", not this reader's.</summary>
    public int BackgroundPapers { get; init; } = 256;

    /// <summary>A not-interested paper weighs this many times a positive in training.</summary>
    public float NotInterestedWeight { get; init; } = 1;

    /// <summary>The value of a category's one-hot feature beside the unit-length vector.</summary>
    public float CategoryFeature { get; init; } = 0.15f;

    /// <summary>Inverse regularization of logistic regression (sklearn's C; classes balanced).</summary>
    public double LogisticC { get; init; } = 10;

    /// <summary>Inverse regularization of the linear SVM (LinearSVC's C; classes balanced).</summary>
    public double SvmC { get; init; } = 1;

    /// <summary>
    /// Under a trained model, a paper as similar as can be to a recent not-interested paper loses this much score (in
    /// units of spread), falling linearly to nothing at <see cref="NotInterestedSimilarity"/>.
    /// </summary>
    public float NotInterestedPenalty { get; init; } = 2;

    /// <summary>Cosine similarity from which a not-interested paper's neighbours sink (about its 20 nearest papers in the sample).</summary>
    public float NotInterestedSimilarity { get; init; } = 0.65f;

    /// <summary>Follow bonuses for a trained model, in units of its score's spread over catalog papers.</summary>
    public FollowBonus ModelFollowBonus { get; init; } = new(0.5f, 0.5f, 1);

    /// <summary>Follow bonuses for closeness scoring, in cosine similarity.</summary>
    public FollowBonus ClosenessFollowBonus { get; init; } = new(0.1f, 0.1f, 0.2f);

    /// <summary>Ranking compares with the reader's latest this-many not-interested papers (a bound on its cost).</summary>
    public int ClosenessNegatives { get; init; } = 8;

    /// <summary>Closeness scoring subtracts this times the similarity to the nearest not-interested paper.</summary>
    public float ClosenessNegativeWeight { get; init; } = 0.5f;

    /// <summary>A "Close to …" reason wins over a followed organization or category from this cosine similarity on.</summary>
    public float StrongCloseness { get; init; } = 0.8f;
}
