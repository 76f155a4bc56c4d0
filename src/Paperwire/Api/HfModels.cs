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
    IReadOnlyList<HfHighlight> HighlightedTitle,
    IReadOnlyList<HfHighlight> HighlightedSummary);
