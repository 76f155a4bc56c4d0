namespace Paperwire.Core.Papers;

/// <summary>One name in a paper's byline; its position is its index in <see cref="Paper.Authors"/>.</summary>
public sealed class PaperAuthor
{
    public required string Name { get; set; }

    public bool Hidden { get; set; }
}
