namespace Paperwire.Storage.Coordination;

/// <summary>A named monotonic counter row; the paper change sequence is one.</summary>
public sealed class Counter
{
    public const string PaperChanges = "paper-changes";

    public required string Name { get; set; }

    public long Value { get; set; }
}
