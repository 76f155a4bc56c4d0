namespace Paperwire.Storage.Embeddings;

/// <summary>
/// A paper's vector under one model: the truth every node builds its vector index from. Each write takes a new
/// <see cref="Sequence"/> number, so a node follows the table as it follows the catalog's change sequence.
/// </summary>
public sealed class PaperEmbedding
{
    public required string PaperId { get; set; }

    public required string Model { get; set; }

    /// <summary>Hash of the model name and the embedded text: an unchanged text is never embedded again.</summary>
    public long TextHash { get; set; }

    /// <summary>Half-precision floats, little-endian; null is a tombstone (withdrawn paper): indexes drop the paper.</summary>
    public byte[]? Vector { get; set; }

    public long Sequence { get; set; }
}
