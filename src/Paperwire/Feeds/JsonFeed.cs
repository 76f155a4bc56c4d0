using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paperwire.Feeds;

// JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the subset Paperwire fills.

public sealed record JsonFeed(
    string Version,
    string Title,
    string Description,
    string HomePageUrl,
    string FeedUrl,
    IReadOnlyList<JsonFeedItem> Items)
{
    public static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };
}

public sealed record JsonFeedItem(
    string Id,
    string Url,
    string Title,
    string ContentText,
    DateTimeOffset DatePublished,
    IReadOnlyList<JsonFeedAuthor>? Authors,
    string? Summary = null);

public sealed record JsonFeedAuthor(string Name);
