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
            // Imported from huggingface.co when a paper came from there; else what Paperwire picked from the abstract.
            paper.AiSummary ?? paper.Glance?.KeySentence,
            paper.AiKeywords.Count > 0 ? paper.AiKeywords : paper.Glance?.Keywords ?? [],
            paper.GithubRepo,
            paper.GithubStars,
            paper.ProjectPage,
            SubmittedOnDailyAt: paper.FeedEntry?.SubmittedAt,
            SubmittedOnDailyBy: submitter,
            ToOrganization(paper.Organization),
            paper.FeedEntry?.FeedDate);
    }

    /// <summary>
    /// The object of <c>GET /api/papers/{id}</c>: the paper plus its comment count and HF's empty extras; each author a
    /// user's verified claim names gets that user, <c>status: claimed_verified</c> and when it was verified.
    /// </summary>
    public static HfPaperInfo ToHfPaperInfo(this Paper paper, IReadOnlyList<VerifiedAuthor> verifiedAuthors)
    {
        var hf = paper.ToHfPaper();
        var claimed = verifiedAuthors.GroupBy(v => v.AuthorIndex).ToDictionary(g => g.Key, g => g.First());
        var authors = hf.Authors.Select((author, index) => claimed.TryGetValue(index, out var claim)
            ? author with { User = ToUser(claim.UserName), Status = "claimed_verified", StatusLastChangedAt = claim.VerifiedAt }
            : author);
        return new HfPaperInfo(hf with { Authors = [.. authors] }, paper.NumComments);
    }

    /// <summary>
    /// The top-level <c>publishedAt</c> of a daily-paper-shaped item: when the paper entered the feed, as on HF
    /// (huggingface_hub reads it as <c>submitted_at</c>); for a catalog paper not in the feed (search, "For you"), its
    /// paper date.
    /// </summary>
    public static DateTimeOffset ListedAt(this Paper paper) => paper.FeedEntry?.SubmittedAt ?? paper.PublishedAt;

    /// <summary>
    /// A feed entry in the daily-paper shape; <paramref name="isAuthorParticipating"/> comes from
    /// <see cref="Storage.FeedPage.AuthorsParticipating"/> (a verified author of the paper commented on it);
    /// <paramref name="baseUri"/> makes <c>thumbnail</c> an absolute address (without it, null).
    /// </summary>
    public static HfDailyPaper ToHfDailyPaper(this FeedEntry entry, bool isAuthorParticipating = false, Uri? baseUri = null)
    {
        var paper = entry.Paper ?? throw new InvalidOperationException("Feed entries must be loaded with their paper.");
        paper.FeedEntry ??= entry;
        var hf = paper.ToHfPaper();
        return new HfDailyPaper(
            hf,
            PublishedAt: paper.ListedAt(),
            paper.Title,
            paper.Summary,
            Thumbnail: Thumbnails.ThumbnailLinks.UrlFor(paper, baseUri),
            paper.NumComments,
            SubmittedBy: hf.SubmittedOnDailyBy,
            IsAuthorParticipating: isAuthorParticipating,
            hf.Organization,
            hf.FeedDate,
            hf.AiSummary,
            hf.AiKeywords,
            hf.GithubRepo,
            hf.GithubStars,
            hf.ProjectPage);
    }

    /// <summary>A search hit in the daily-paper shape (search covers the whole catalog, so many are not in the feed).</summary>
    public static HfSearchResult ToHfSearchResult(this SearchWeb.SearchHit hit, bool isAuthorParticipating, Uri? baseUri = null)
    {
        var paper = hit.Paper;
        var hf = paper.ToHfPaper();
        return new HfSearchResult(
            hf,
            PublishedAt: paper.ListedAt(),
            paper.Title,
            paper.Summary,
            Thumbnail: Thumbnails.ThumbnailLinks.UrlFor(paper, baseUri),
            paper.NumComments,
            SubmittedBy: hf.SubmittedOnDailyBy,
            IsAuthorParticipating: isAuthorParticipating,
            hf.Organization,
            hf.FeedDate,
            hf.AiSummary,
            hf.AiKeywords,
            hf.GithubRepo,
            hf.GithubStars,
            hf.ProjectPage,
            ToHighlights(hit.Title),
            ToHighlights(hit.Summary));
    }

    private static List<HfHighlight> ToHighlights(IReadOnlyList<Search.Keyword.HighlightSegment> segments) =>
        [.. segments.Select(s => new HfHighlight(s.Highlighted ? "highlight" : "text", s.Text))];

    private static HfOrganization? ToOrganization(Organization? organization) => organization is null
        ? null
        : new HfOrganization(StableId("org:" + organization.Name), organization.Name, organization.FullName,
            Avatars.AvatarLinks.Organization(organization), Avatars.AvatarLinks.Organization(organization));

    /// <summary>
    /// A Paperwire user as HF's user object; Paperwire keeps no full name, so <c>fullname</c> is the user name. The
    /// avatar is a site-relative address, as HF's own default avatars are: the member's upload or their initials.
    /// </summary>
    public static HfUser ToUser(string name) =>
        new(StableId("user:" + name), User: name, Name: name, FullName: name, AvatarUrl: Avatars.AvatarLinks.User(name), Type: "user",
            IsPro: false, IsHf: false, IsHfAdmin: false, IsMod: false, FollowerCount: 0);

    /// <summary>A 24-hex-digit id (the shape of HF's <c>_id</c>), the same for the same input on every node.</summary>
    public static string StableId(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];
}

/// <summary>A user's verified claim to be the author at <paramref name="AuthorIndex"/> of a paper's byline.</summary>
public sealed record VerifiedAuthor(int AuthorIndex, string UserName, DateTimeOffset? VerifiedAt);
