using Paperwire.Recommend.Signals;

namespace Paperwire.Recommend.Ranking;

/// <summary>A paper for the reader, its score (higher first; comparable within one ranking only) and why.</summary>
public sealed record Recommendation(CatalogPaper Paper, float Score, RecommendationReason Reason);

public enum ReasonKind
{
    /// <summary>Nearest in meaning to one of the reader's positives: <see cref="RecommendationReason.PaperId"/> names it.</summary>
    CloseTo,
    FollowedCategory,
    FollowedOrganization,
    FollowedAuthor,
}

/// <summary>
/// Why a paper was recommended, taken from the data so that the reader can check it: the positive it is nearest
/// to (<see cref="Subject"/> its title, <see cref="PaperId"/> its id, for a link), or the followed category,
/// organization or author it matches (<see cref="Subject"/> as written on the paper).
/// </summary>
public sealed record RecommendationReason(ReasonKind Kind, string Subject, string? PaperId = null)
{
    public string Text => Kind switch
    {
        ReasonKind.CloseTo => $"Close to {Subject}",
        ReasonKind.FollowedCategory => $"In {Subject}, which you follow",
        ReasonKind.FollowedOrganization => $"From {Subject}, which you follow",
        ReasonKind.FollowedAuthor => $"By {Subject}, whom you follow",
        _ => Subject,
    };

    public override string ToString() => Text;
}
