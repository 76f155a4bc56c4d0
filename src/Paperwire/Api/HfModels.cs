using System.Text.Json.Serialization;

namespace Paperwire.Api;

// The shapes of huggingface.co's daily-papers API (DESIGN.md), field for field, so existing clients work: every field
// huggingface_hub's PaperInfo, PaperAuthor, User and Organization read is here (docs/api.md lists them).
// Property names are camelCase by the serializer; the few snake_case and underscore names are explicit.

/// <summary>
/// One name of a byline. <c>user</c>, <c>status</c> (<c>claimed_verified</c>) and <c>statusLastChangedAt</c> are sent,
/// as on HF, only for an author whose claim an admin verified, and only by <c>GET /api/papers/{id}</c>.
/// </summary>
public sealed record HfAuthor(
    [property: JsonPropertyName("_id")] string Id,
    string Name,
    bool Hidden)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HfUser? User { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? StatusLastChangedAt { get; init; }
}

/// <summary>
/// An organization. HF's paper endpoints name the logo <c>avatar</c> while huggingface_hub's <c>Organization</c> reads
/// <c>avatarUrl</c>: both are sent, with the same value.
/// </summary>
public sealed record HfOrganization(
    [property: JsonPropertyName("_id")] string Id,
    string Name,
    [property: JsonPropertyName("fullname")] string FullName,
    string? Avatar,
    string? AvatarUrl);

/// <summary>
/// A user (a submitter). huggingface_hub takes the username from <c>user</c>; HF's submitter objects also say
/// <c>name</c>: both are sent. Paperwire has no paid plans, no HF staff or moderators to show and no user follows, so
/// the flags are false and <c>followerCount</c> is 0.
/// </summary>
public sealed record HfUser(
    [property: JsonPropertyName("_id")] string Id,
    string User,
    string Name,
    [property: JsonPropertyName("fullname")] string FullName,
    string? AvatarUrl,
    string Type,
    bool IsPro,
    bool IsHf,
    bool IsHfAdmin,
    bool IsMod,
    int FollowerCount);

/// <summary>
/// The paper object nested in every daily-paper item (and the items of collections and similar papers).
/// <c>feedDate</c> is Paperwire's own: the feed day (YYYY-MM-DD) the daily views group the paper under, null when the
/// paper is not in the daily feed.
/// </summary>
public record HfPaper(
    string Id,
    string Title,
    string Summary,
    IReadOnlyList<HfAuthor> Authors,
    DateTimeOffset PublishedAt,
    int Upvotes,
    string DiscussionId,
    [property: JsonPropertyName("ai_summary")] string? AiSummary,
    [property: JsonPropertyName("ai_keywords")] IReadOnlyList<string> AiKeywords,
    string? GithubRepo,
    int? GithubStars,
    string? ProjectPage,
    DateTimeOffset? SubmittedOnDailyAt,
    HfUser? SubmittedOnDailyBy,
    HfOrganization? Organization,
    DateOnly? FeedDate);

/// <summary>A model, dataset or Space linked to a paper. Paperwire links none, so these lists are always empty.</summary>
public sealed record HfLinkedRepo(string Id);

/// <summary>
/// The flat paper object of <c>GET /api/papers/{id}</c>: the nested paper plus what only HF's paper endpoint sends
/// (comment count, media, linked Hub repositories with their totals). Paperwire has no media or Hub repositories,
/// so those are empty lists and zeros rather than absent (code doing <c>len(p.linked_models)</c> works).
/// </summary>
public sealed record HfPaperInfo : HfPaper
{
    public HfPaperInfo(HfPaper paper, int numComments)
        : base(paper)
    {
        NumComments = numComments;
    }

    public int NumComments { get; init; }

    public IReadOnlyList<string> MediaUrls { get; init; } = [];

    public IReadOnlyList<HfLinkedRepo> LinkedModels { get; init; } = [];

    public int NumTotalModels { get; init; }

    public IReadOnlyList<HfLinkedRepo> LinkedDatasets { get; init; } = [];

    public int NumTotalDatasets { get; init; }

    public IReadOnlyList<HfLinkedRepo> LinkedSpaces { get; init; } = [];

    public int NumTotalSpaces { get; init; }
}

/// <summary>
/// One item of <c>GET /api/daily_papers</c>. The top-level <c>publishedAt</c> is when the paper entered the feed
/// (equal to <c>paper.submittedOnDailyAt</c>, as on HF; huggingface_hub reads it as <c>submitted_at</c>);
/// <c>feedDate</c> (Paperwire's own) is the feed day it is listed under. The paper's links and AI fields are repeated
/// at the top level, where huggingface_hub's <c>PaperInfo</c> looks for them (it never reads them from <c>paper</c>).
/// </summary>
public sealed record HfDailyPaper(
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
    string? ProjectPage);

/// <summary>A piece of a highlighted title or abstract, as HF's search returns it.</summary>
public sealed record HfHighlight(string Type, string Text);

/// <summary>An item of <c>GET /api/papers/search</c>: a daily-paper-shaped item with highlights.</summary>
public sealed record HfSearchResult(
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
    IReadOnlyList<HfHighlight> HighlightedTitle,
    IReadOnlyList<HfHighlight> HighlightedSummary);
