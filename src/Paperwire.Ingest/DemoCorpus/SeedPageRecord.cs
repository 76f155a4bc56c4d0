using System.Text.Json.Serialization;

namespace Paperwire.Ingest.DemoCorpus;

/// <summary>One paper as captured from a Daily Papers page (no arXiv id, only an author count).</summary>
internal sealed record SeedPageRecord(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("abstract")] string Abstract,
    [property: JsonPropertyName("authorCount")] int? AuthorCount,
    [property: JsonPropertyName("publishedAt")] string? PublishedAt,
    [property: JsonPropertyName("upvotes")] int? Upvotes,
    [property: JsonPropertyName("organization")] SeedPageOrganization? Organization);

internal sealed record SeedPageOrganization(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("fullname")] string FullName);
