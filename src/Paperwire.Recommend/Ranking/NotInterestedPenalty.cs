using Paperwire.Recommend.Vectors;
using static System.Numerics.Tensors.TensorPrimitives;

namespace Paperwire.Recommend.Ranking;

/// <summary>
/// Sinks the near neighbours of what a reader marked not interested under a trained model. A hinge or logistic loss
/// only pushes the dismissed paper itself below the line, so its near duplicates barely move; the reader expects
/// "not this" to mean "nothing like this" too. Costs one dot product per recent dismissal, and only for the papers
/// that could still reach the top: the penalty only lowers scores, so once the k-th best penalized score is at
/// least the best unexamined raw score, no other paper can enter.
/// </summary>
internal sealed class NotInterestedPenalty(SignalVectors signals, RecommendOptions options)
{
    private readonly int first = Math.Max(0, signals.Negatives.Count - options.ClosenessNegatives);

    public bool Applies => first < signals.Negatives.Count && options.NotInterestedPenalty > 0;

    public int[] Select(CandidatePool pool, float[] scores, int count, IReadOnlySet<int> skip)
    {
        for (var examined = (2 * count) + 64; ; examined *= 4)
        {
            var top = TopK.Select(scores.AsSpan(0, pool.Count), pool.Days, examined, skip);
            var penalized = top.Select(row => (Row: row, Score: scores[row] - Penalty(pool.Vector(row)))).ToArray();
            var best = penalized.OrderByDescending(p => p.Score).ThenByDescending(p => pool.Days[p.Row]).ThenBy(p => p.Row).Take(count).ToArray();
            var complete = top.Length < examined || (best.Length == count && best[^1].Score >= scores[top[^1]]);
            if (complete)
            {
                foreach (var (row, score) in penalized)
                {
                    scores[row] = score;
                }

                return [.. best.Select(p => p.Row)];
            }
        }
    }

    private float Penalty(ReadOnlySpan<float> vector)
    {
        var nearest = float.NegativeInfinity;
        for (var n = first; n < signals.Negatives.Count; n++)
        {
            nearest = Math.Max(nearest, Dot(vector, signals.Negative(n)));
        }

        var threshold = options.NotInterestedSimilarity;
        return options.NotInterestedPenalty * Math.Max(0, (nearest - threshold) / (1 - threshold));
    }
}
