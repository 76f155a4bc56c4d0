using System.Text.Json.Serialization;

namespace Paperwire.Ingest.Snapshot;

/// <summary>One line of the public arXiv metadata snapshot (Kaggle's arxiv-metadata-oai-snapshot.json).</summary>
internal sealed class SnapshotRecord
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("submitter")]
    public string? Submitter { get; set; }

    [JsonPropertyName("authors")]
    public string? Authors { get; set; }

    [JsonPropertyName("authors_parsed")]
    public List<List<string>>? AuthorsParsed { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("comments")]
    public string? Comments { get; set; }

    [JsonPropertyName("journal-ref")]
    public string? JournalRef { get; set; }

    [JsonPropertyName("doi")]
    public string? Doi { get; set; }

    [JsonPropertyName("categories")]
    public string? Categories { get; set; }

    [JsonPropertyName("license")]
    public string? License { get; set; }

    [JsonPropertyName("abstract")]
    public string? Abstract { get; set; }

    [JsonPropertyName("versions")]
    public List<SnapshotVersion>? Versions { get; set; }

    [JsonPropertyName("update_date")]
    public string? UpdateDate { get; set; }
}

internal sealed class SnapshotVersion
{
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>RFC 1123 style: <c>Mon, 2 Apr 2007 19:18:42 GMT</c>.</summary>
    [JsonPropertyName("created")]
    public string? Created { get; set; }
}
