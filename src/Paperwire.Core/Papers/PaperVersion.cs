namespace Paperwire.Core.Papers;

/// <summary>One arXiv version of a paper: v1 is the paper date, the last one the updated date.</summary>
public sealed class PaperVersion
{
    public int Number { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
