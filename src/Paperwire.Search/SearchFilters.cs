namespace Paperwire.Search;

/// <summary>Narrows a search. Dates are paper dates (arXiv first version), both ends inclusive.</summary>
public sealed record SearchFilters
{
    public static readonly SearchFilters None = new();

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>An arXiv category (<c>cs.CL</c>) or a whole archive (<c>cs</c>).</summary>
    public string? Category { get; init; }

    public string? Organization { get; init; }

    public bool InDailyFeedOnly { get; init; }

    public bool IsEmpty => this == None;
}
