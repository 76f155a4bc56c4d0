namespace Paperwire.Storage.Embeddings;

/// <summary>
/// A paper whose vector is missing or stale: written with the paper (same transaction) whenever its text or its
/// withdrawn mark changes. A node takes a batch by claiming it until <see cref="ClaimedUntil"/>, and deletes the
/// rows it still holds in the transaction that writes the vectors; a node that dies lets its claim expire.
/// </summary>
public sealed class EmbeddingQueueEntry
{
    public required string PaperId { get; set; }

    /// <summary>The claim (one per batch, not per node), null while nobody works on the paper.</summary>
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }
}
