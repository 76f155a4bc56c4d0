namespace Paperwire.Storage.Coordination;

/// <summary>A named monotonic counter row; the paper change sequence is one.</summary>
public sealed class Counter
{
    public const string PaperChanges = "paper-changes";

    /// <summary>Numbers the writes of paper vectors (<c>paper_embeddings.Sequence</c>).</summary>
    public const string PaperEmbeddings = "paper-embeddings";

    /// <summary>Counts the writes of key sentences and keywords, so nodes know when cached pages must go.</summary>
    public const string PaperGlances = "paper-glances";

    public required string Name { get; set; }

    public long Value { get; set; }
}
