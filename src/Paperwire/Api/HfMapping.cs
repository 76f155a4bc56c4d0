using System.Security.Cryptography;
using System.Text;
using Paperwire.Core.Papers;

namespace Paperwire.Api;

/// <summary>Maps catalog papers to the HF-compatible API shapes.</summary>
public static class HfMapping
{
    public static HfPaper ToHfPaper(this Paper paper)
    {
        var submitter = paper.FeedEntry?.SubmittedBy is { } name ? ToUser(name) : null;
        return new HfPaper(
            paper.Id,
            paper.Title,
            paper.Summary,
            [.. paper.Authors.Select((a, position) => new HfAuthor(StableId($"{paper.Id}#{position}"), a.Name, a.Hidden))],
            paper.PublishedAt,
            paper.Upvotes,
            DiscussionId: paper.Id,
            paper.AiSummary,
            paper.AiKeywords,
            paper.GithubRepo,
            paper.GithubStars,
            paper.ProjectPage,
            SubmittedOnDailyAt: paper.FeedEntry?.SubmittedAt,
            SubmittedOnDailyBy: submitter,
            ToOrganization(paper.Organization));
    }

    /// <summary>
    /// A feed entry in the daily-paper shape; <paramref name="isAuthorParticipating"/> comes from
    /// <see cref="Storage.FeedPage.AuthorsParticipating"/> (a verified author of the paper commented on it).
    /// </summary>
    public static HfDailyPaper ToHfDailyPaper(this FeedEntry entry, bool isAuthorParticipating = false)
    {
        var paper = entry.Paper ?? throw new InvalidOperationException("Feed entries must be loaded with their paper.");
        paper.FeedEntry ??= entry;
        var organization = ToOrganization(paper.Organization);
        return new HfDailyPaper(
            paper.ToHfPaper(),
            PublishedAt: new DateTimeOffset(entry.FeedDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            paper.Title,
            paper.Summary,
            Thumbnail: null,
            paper.NumComments,
            SubmittedBy: entry.SubmittedBy is { } name ? ToUser(name) : null,
            IsAuthorParticipating: isAuthorParticipating,
            organization);
    }

    /// <summary>
    /// A search hit in the daily-paper shape. The top-level <c>publishedAt</c> is the feed date when the paper is in
    /// the feed and its paper date otherwise (search covers the whole catalog).
    /// </summary>
    public static HfSearchResult ToHfSearchResult(this SearchWeb.SearchHit hit, bool isAuthorParticipating)
    {
        var paper = hit.Paper;
        var entry = paper.FeedEntry;
        return new HfSearchResult(
            paper.ToHfPaper(),
            PublishedAt: entry is null ? paper.PublishedAt : new DateTimeOffset(entry.FeedDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            paper.Title,
            paper.Summary,
            Thumbnail: null,
            paper.NumComments,
            SubmittedBy: entry?.SubmittedBy is { } name ? ToUser(name) : null,
            IsAuthorParticipating: isAuthorParticipating,
            ToOrganization(paper.Organization),
            ToHighlights(hit.Title),
            ToHighlights(hit.Summary));
    }

    private static List<HfHighlight> ToHighlights(IReadOnlyList<Search.Keyword.HighlightSegment> segments) =>
        [.. segments.Select(s => new HfHighlight(s.Highlighted ? "highlight" : "text", s.Text))];

    private static HfOrganization? ToOrganization(Organization? organization) => organization is null
        ? null
        : new HfOrganization(StableId("org:" + organization.Name), organization.Name, organization.FullName, organization.AvatarUrl);

    private static HfUser ToUser(string name) => new(StableId("user:" + name), name, name, AvatarUrl: null, Type: "user");

    /// <summary>A 24-hex-digit id (the shape of HF's <c>_id</c>), the same for the same input on every node.</summary>
    public static string StableId(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];
}
