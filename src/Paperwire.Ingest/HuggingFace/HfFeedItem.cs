using System.Text.Json.Serialization;

namespace Paperwire.Ingest.HuggingFace;

// One item of huggingface.co's /api/daily_papers (DESIGN.md), as much of it as an import uses. Unknown fields
// (mediaUrls, thumbnail, author status, …) are ignored; every field may be missing. Timestamps stay strings so
// that one odd date rejects its item with a reason instead of failing the whole import.

internal sealed class HfFeedItem
{
    [JsonPropertyName("paper")]
    public HfFeedPaper? Paper { get; set; }

    /// <summary>The moment the paper entered the feed (equal to <c>submittedOnDailyAt</c>; Paperwire before 2026-12 sent the feed date at midnight).</summary>
    [JsonPropertyName("publishedAt")]
    public string? PublishedAt { get; set; }

    /// <summary>The feed day (YYYY-MM-DD) on another Paperwire server; absent on huggingface.co.</summary>
    [JsonPropertyName("feedDate")]
    public string? FeedDate { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("summary")]
    public string? Summary { get; set; }

    [JsonPropertyName("submittedBy")]
    public HfFeedUser? SubmittedBy { get; set; }

    [JsonPropertyName("organization")]
    public HfFeedOrganization? Organization { get; set; }
}

internal sealed class HfFeedPaper
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("summary")]
    public string? Summary { get; set; }

    [JsonPropertyName("authors")]
    public List<HfFeedAuthor?>? Authors { get; set; }

    /// <summary>The paper date (arXiv first version).</summary>
    [JsonPropertyName("publishedAt")]
    public string? PublishedAt { get; set; }

    [JsonPropertyName("upvotes")]
    public int? Upvotes { get; set; }

    [JsonPropertyName("ai_summary")]
    public string? AiSummary { get; set; }

    [JsonPropertyName("ai_keywords")]
    public List<string?>? AiKeywords { get; set; }

    [JsonPropertyName("githubRepo")]
    public string? GithubRepo { get; set; }

    [JsonPropertyName("githubStars")]
    public int? GithubStars { get; set; }

    [JsonPropertyName("projectPage")]
    public string? ProjectPage { get; set; }

    [JsonPropertyName("submittedOnDailyAt")]
    public string? SubmittedOnDailyAt { get; set; }

    [JsonPropertyName("submittedOnDailyBy")]
    public HfFeedUser? SubmittedOnDailyBy { get; set; }

    [JsonPropertyName("organization")]
    public HfFeedOrganization? Organization { get; set; }
}

internal sealed class HfFeedAuthor
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("hidden")]
    public bool? Hidden { get; set; }
}

internal sealed class HfFeedOrganization
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("fullname")]
    public string? FullName { get; set; }

    [JsonPropertyName("avatar")]
    public string? Avatar { get; set; }
}

internal sealed class HfFeedUser
{
    /// <summary>The user name (handle).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Some huggingface.co user objects carry the handle here instead.</summary>
    [JsonPropertyName("user")]
    public string? User { get; set; }
}
