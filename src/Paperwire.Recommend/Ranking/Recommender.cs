using System.Buffers;
using Paperwire.Recommend.Model;
using Paperwire.Recommend.Signals;
using Paperwire.Recommend.Vectors;

namespace Paperwire.Recommend.Ranking;

/// <summary>
/// Ranks a pool of candidates for one reader under their model, and says why for each paper. One ranker serves
/// "For you", the API, the private feed and the digest's personal picks. Papers the reader upvoted, collected,
/// wrote or marked not interested never appear (nor withdrawn ones: the pool leaves them out).
/// </summary>
public sealed class Recommender(IPaperVectors vectors, RecommendOptions options)
{
    /// <summary>
    /// The best <paramref name="count"/> candidates, best first (for page p of size n, ask for (p + 1)·n and skip).
    /// Empty when the reader has neither a positive nor a follow: there is nothing to rank by, and the page
    /// should ask for some.
    /// </summary>
    public IReadOnlyList<Recommendation> Recommend(ReaderSignals signals, ReaderModel model, CandidatePool pool, int count)
    {
        if (count <= 0 || pool.Count == 0 || signals.IsEmpty)
        {
            return [];
        }

        var read = SignalVectors.Read(signals, vectors, pool.Dimensions);
        var follows = new FollowMatches(signals.Follows, pool);
        var scores = ArrayPool<float>.Shared.Rent(pool.Count);
        try
        {
            var span = scores.AsSpan(0, pool.Count);
            var trained = model.Kind != ModelKind.Closeness && model.Weights.Length == pool.Dimensions;
            if (trained)
            {
                Scoring.Linear(model, pool, span);
            }
            else
            {
                Scoring.Closeness(read, pool, options, span);
            }

            Scoring.Follows(follows, trained ? options.ModelFollowBonus : options.ClosenessFollowBonus, withoutPositives: read.Positives.Count == 0, span);
            var penalty = new NotInterestedPenalty(read, options);
            var rows = trained && penalty.Applies
                ? penalty.Select(pool, scores, count, Seen(signals, pool))
                : TopK.Select(span, pool.Days, count, Seen(signals, pool));
            var reasons = new Reasons(read, follows, options);
            var results = new List<Recommendation>(rows.Length);
            foreach (var row in rows)
            {
                results.Add(new Recommendation(pool.Paper(row), span[row], reasons.For(pool, row)));
            }

            return results;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>Rows of papers the reader has already acted on, with or without a vector.</summary>
    private static HashSet<int> Seen(ReaderSignals signals, CandidatePool pool)
    {
        var rows = new HashSet<int>();
        foreach (var paper in signals.Positives.Select(p => p.Paper).Concat(signals.NotInterested))
        {
            if (pool.TryGetRow(paper.Id, out var row))
            {
                rows.Add(row);
            }
        }

        return rows;
    }
}
