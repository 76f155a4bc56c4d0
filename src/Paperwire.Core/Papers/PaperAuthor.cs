namespace Paperwire.Core.Papers;

/// <summary>One name in a paper's byline.</summary>
public sealed class PaperAuthor
{
    public required string PaperId { get; set; }

    /// <summary>Zero-based byline position.</summary>
    public int Position { get; set; }

    public required string Name { get; set; }

    public bool Hidden { get; set; }
}
