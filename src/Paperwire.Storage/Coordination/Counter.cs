namespace Paperwire.Storage.Coordination;

/// <summary>A named monotonic counter row; the paper change sequence is one.</summary>
public sealed class Counter
{
    public const string PaperChanges = "paper-changes";

    /// <summary>Numbers the writes of paper vectors (<c>paper_embeddings.Sequence</c>).</summary>
    public const string PaperEmbeddings = "paper-embeddings";

    public required string Name { get; set; }

    public long Value { get; set; }
}
