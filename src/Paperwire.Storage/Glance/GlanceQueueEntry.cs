namespace Paperwire.Storage.Glance;

/// <summary>
/// A paper whose key sentence and keywords are missing or stale: queued in the transaction that stores its vector
/// (a new text means a new vector), claimed and completed like <see cref="Embeddings.EmbeddingQueueEntry"/>.
/// </summary>
public sealed class GlanceQueueEntry
{
    public required string PaperId { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }
}
