using System.Text.Json;
using Paperwire.Api;
using Paperwire.Recommend.Ranking;

namespace Paperwire.ForYou;

/// <summary>Why a paper is recommended: the text shown, its kind, and the reader's paper it is close to (for a link).</summary>
public sealed record ReasonResponse(string Text, string Kind, string? PaperId)
{
    public static ReasonResponse From(RecommendationReason reason) =>
        new(reason.Text, JsonNamingPolicy.CamelCase.ConvertName(reason.Kind.ToString()), reason.PaperId);
}

/// <summary>
/// An item of <c>GET /api/recommendations</c>: a daily-paper-shaped item plus <c>reason</c>. The top-level
/// <c>publishedAt</c> is the feed date when the paper is in the feed and its paper date otherwise (as search).
/// </summary>
public sealed record RecommendationResponse(
    HfPaper Paper,
    DateTimeOffset PublishedAt,
    string Title,
    string Summary,
    string? Thumbnail,
    int NumComments,
    HfUser? SubmittedBy,
    bool IsAuthorParticipating,
    HfOrganization? Organization,
    ReasonResponse Reason)
{
    public static RecommendationResponse From(ForYouItem item)
    {
        var paper = item.Paper;
        var hf = paper.ToHfPaper();
        var entry = paper.FeedEntry;
        return new RecommendationResponse(
            hf,
            PublishedAt: entry is null ? paper.PublishedAt : new DateTimeOffset(entry.FeedDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            paper.Title,
            paper.Summary,
            Thumbnail: null,
            paper.NumComments,
            SubmittedBy: hf.SubmittedOnDailyBy,
            IsAuthorParticipating: false,
            hf.Organization,
            ReasonResponse.From(item.Reason));
    }
}
