using System.Text.Json;
using System.Text.Json.Serialization;
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
/// <c>publishedAt</c> is when the paper entered the feed, or its paper date when it is not in the feed (as search).
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
    DateOnly? FeedDate,
    [property: JsonPropertyName("ai_summary")] string? AiSummary,
    [property: JsonPropertyName("ai_keywords")] IReadOnlyList<string> AiKeywords,
    string? GithubRepo,
    int? GithubStars,
    string? ProjectPage,
    ReasonResponse Reason)
{
    /// <param name="baseUri">Makes <c>thumbnail</c> an absolute address.</param>
    public static RecommendationResponse From(ForYouItem item, Uri baseUri)
    {
        var paper = item.Paper;
        var hf = paper.ToHfPaper();
        return new RecommendationResponse(
            hf,
            PublishedAt: paper.ListedAt(),
            paper.Title,
            paper.Summary,
            Thumbnail: Thumbnails.ThumbnailLinks.UrlFor(paper, baseUri),
            paper.NumComments,
            SubmittedBy: hf.SubmittedOnDailyBy,
            IsAuthorParticipating: false,
            hf.Organization,
            hf.FeedDate,
            hf.AiSummary,
            hf.AiKeywords,
            hf.GithubRepo,
            hf.GithubStars,
            hf.ProjectPage,
            ReasonResponse.From(item.Reason));
    }
}
