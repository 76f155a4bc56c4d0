using Paperwire.Recommend.Vectors;
using static System.Numerics.Tensors.TensorPrimitives;

namespace Paperwire.Recommend.Ranking;

/// <summary>
/// Picks the reason shown with a recommendation, most specific first: a followed author; the nearest positive
/// when it is very close; a followed organization; a followed category; the nearest positive however close.
/// Every reason names something in the reader's own data, so a recommendation without one is never shown.
/// </summary>
internal sealed class Reasons(SignalVectors signals, FollowMatches follows, RecommendOptions options)
{
    public RecommendationReason For(CandidatePool pool, int row)
    {
        if (follows.Any && follows.Author(row) is { } author)
        {
            return new(ReasonKind.FollowedAuthor, author);
        }

        var (nearest, similarity) = NearestPositive(pool.Vector(row));
        if (nearest >= 0 && similarity >= options.StrongCloseness)
        {
            return CloseTo(nearest);
        }

        if (follows.Any && follows.Organization(row) is { } organization)
        {
            return new(ReasonKind.FollowedOrganization, organization);
        }

        if (follows.Any && follows.Category(row) is { } category)
        {
            return new(ReasonKind.FollowedCategory, category);
        }

        // Ranking shows nothing without a positive or a matching follow, so a nearest positive exists here.
        return CloseTo(nearest);
    }

    private RecommendationReason CloseTo(int positive) =>
        new(ReasonKind.CloseTo, signals.Positives[positive].Title, signals.Positives[positive].Id);

    private (int Index, float Similarity) NearestPositive(ReadOnlySpan<float> vector)
    {
        var (best, similarity) = (-1, float.NegativeInfinity);
        for (var p = 0; p < signals.Positives.Count; p++)
        {
            var s = Dot(vector, signals.Positive(p));
            if (s > similarity)
            {
                (best, similarity) = (p, s);
            }
        }

        return (best, similarity);
    }
}
