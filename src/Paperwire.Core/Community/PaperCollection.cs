namespace Paperwire.Core.Community;

/// <summary>A user's named list of papers, public (<c>/collections/{owner}/{slug}</c>, with feeds) or private.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "\"Collection\" is the product's word for a user's list of papers.")]
public sealed class PaperCollection
{
    public long Id { get; set; }

    public required string OwnerId { get; set; }

    public required string OwnerName { get; set; }

    /// <summary>URL name, unique per owner; derived from the first name and kept on rename so links stay valid.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public bool IsPublic { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<CollectionItem> Items { get; set; } = [];
}

/// <summary>A paper in a collection, at a position, with the owner's note.</summary>
public sealed class CollectionItem
{
    public long CollectionId { get; set; }

    public required string PaperId { get; set; }

    public Papers.Paper? Paper { get; set; }

    public int Position { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}
