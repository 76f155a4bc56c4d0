using System.Text.Json.Serialization;

namespace Paperwire.Api;

// The shapes of huggingface.co's daily-papers API (DESIGN.md), field for field, so existing clients work.
// Property names are camelCase by the serializer; the few snake_case and underscore names are explicit.

public sealed record HfAuthor(
    [property: JsonPropertyName("_id")] string Id,
    string Name,
    bool Hidden);

public sealed record HfOrganization(
    [property: JsonPropertyName("_id")] string Id,
    string Name,
    [property: JsonPropertyName("fullname")] string FullName,
    string? Avatar);

public sealed record HfUser(
    [property: JsonPropertyName("_id")] string Id,
    string Name,
    [property: JsonPropertyName("fullname")] string FullName,
    string? AvatarUrl,
    string Type);

/// <summary>The flat paper object of <c>GET /api/papers/{id}</c>, also nested in every daily-paper item.</summary>
public sealed record HfPaper(
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
    HfOrganization? Organization);

/// <summary>One item of <c>GET /api/daily_papers</c>: top-level <c>publishedAt</c> is the feed date.</summary>
public sealed record HfDailyPaper(
    HfPaper Paper,
    DateTimeOffset PublishedAt,
    string Title,
    string Summary,
    string? Thumbnail,
    int NumComments,
    HfUser? SubmittedBy,
    bool IsAuthorParticipating,
    HfOrganization? Organization);
