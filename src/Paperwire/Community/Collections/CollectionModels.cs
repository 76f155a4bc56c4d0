using Paperwire.Api;
using Paperwire.Core.Community;

namespace Paperwire.Community.Collections;

/// <summary>Body of <c>POST /api/collections</c> and <c>PUT /api/collections/{id}</c>.</summary>
public sealed record CollectionRequest(string? Name, string? Description, bool? Public);

/// <summary>Body of <c>POST /api/collections/{id}/items</c>: a paper id and an optional note.</summary>
public sealed record CollectionItemRequest(string? Paper, string? Note);

/// <summary>Body of <c>PUT /api/collections/{id}/items/{paperId}</c>: move to <c>position</c> (0 is first) and/or set the note.</summary>
public sealed record CollectionItemUpdate(int? Position, string? Note);

/// <summary>A collection as the API shows it; papers in the HF paper shape.</summary>
public sealed record CollectionResponse(
    long Id,
    string Owner,
    string Slug,
    string Name,
    string? Description,
    bool Public,
    string Url,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<CollectionItemResponse> Items)
{
    public static CollectionResponse From(PaperCollection collection) => new(
        collection.Id,
        collection.OwnerName,
        collection.Slug,
        collection.Name,
        collection.Description,
        collection.IsPublic,
        CollectionPaths.PagePath(collection.OwnerName, collection.Slug),
        collection.CreatedAt,
        collection.UpdatedAt,
        [.. collection.Items.Where(i => i.Paper is not null).Select(i => new CollectionItemResponse(i.Position, i.Note, i.AddedAt, i.Paper!.ToHfPaper()))]);
}

public sealed record CollectionItemResponse(int Position, string? Note, DateTimeOffset AddedAt, HfPaper Paper);

/// <summary>Where a collection lives.</summary>
public static class CollectionPaths
{
    public static string PagePath(string owner, string slug) => $"/collections/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(slug)}";

    public static string FeedPath(string owner, string slug) => $"/feeds/collections/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(slug)}";
}
