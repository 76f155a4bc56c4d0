using Paperwire.Recommend.Model;
using Paperwire.Recommend.Vectors;
using static System.Numerics.Tensors.TensorPrimitives;

namespace Paperwire.Recommend.Ranking;

/// <summary>The score of every candidate of a pool under a reader's model: the loop that ranking's speed is.</summary>
internal static class Scoring
{
    /// <summary>A trained model: one dot product per paper over the pool's contiguous vectors, plus its category weights.</summary>
    public static void Linear(ReaderModel model, CandidatePool pool, Span<float> scores)
    {
        var d = pool.Dimensions;
        var matrix = pool.Matrix;
        ReadOnlySpan<float> weights = model.Weights;
        for (var row = 0; row < pool.Count; row++)
        {
            scores[row] = Dot(weights, matrix.Slice(row * d, d)) + model.Bias;
        }

        if (model.CategoryWeights.Count == 0)
        {
            return;
        }

        var vocabulary = pool.Categories.Vocabulary;
        var byNumber = new float[vocabulary.Count];
        for (var number = 0; number < byNumber.Length; number++)
        {
            byNumber[number] = model.CategoryWeights.GetValueOrDefault(vocabulary.Name(number));
        }

        for (var row = 0; row < pool.Count; row++)
        {
            foreach (var number in pool.Categories.Of(row))
            {
                scores[row] += byNumber[number];
            }
        }
    }

    /// <summary>
    /// Too few positives for a classifier: the cosine similarity to the nearest positive, less a share of that to the
    /// nearest of the latest not-interested papers (so a dismissed paper's neighbours sink too).
    /// </summary>
    public static void Closeness(SignalVectors signals, CandidatePool pool, RecommendOptions options, Span<float> scores)
    {
        var d = pool.Dimensions;
        var matrix = pool.Matrix;
        var firstNegative = Math.Max(0, signals.Negatives.Count - options.ClosenessNegatives);
        for (var row = 0; row < pool.Count; row++)
        {
            var vector = matrix.Slice(row * d, d);
            var score = 0f;
            if (signals.Positives.Count > 0)
            {
                score = float.NegativeInfinity;
                for (var p = 0; p < signals.Positives.Count; p++)
                {
                    score = Math.Max(score, Dot(vector, signals.Positive(p)));
                }
            }

            if (firstNegative < signals.Negatives.Count)
            {
                var nearest = float.NegativeInfinity;
                for (var n = firstNegative; n < signals.Negatives.Count; n++)
                {
                    nearest = Math.Max(nearest, Dot(vector, signals.Negative(n)));
                }

                score -= options.ClosenessNegativeWeight * nearest;
            }

            scores[row] = score;
        }
    }

    /// <summary>Adds follow bonuses; with no positive to be close to, a paper that matches no follow has no reason to be shown.</summary>
    public static void Follows(FollowMatches follows, FollowBonus bonus, bool withoutPositives, Span<float> scores)
    {
        for (var row = 0; row < scores.Length; row++)
        {
            if (withoutPositives && !(follows.Any && follows.Matches(row)))
            {
                scores[row] = float.NegativeInfinity;
            }
            else if (follows.Any)
            {
                scores[row] += follows.Bonus(row, bonus);
            }
        }
    }
}
