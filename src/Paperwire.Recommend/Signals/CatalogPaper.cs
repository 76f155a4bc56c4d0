namespace Paperwire.Recommend.Signals;

/// <summary>
/// What ranking needs of a catalog paper, whether it is a candidate or the paper behind a reader's signal: the
/// features beside its vector (categories, organization, authors) and what a reason shows (its title).
/// </summary>
public sealed record CatalogPaper(
    string Id,
    string Title,
    DateOnly PublishedOn,
    IReadOnlyList<string> Categories,
    string? Organization,
    IReadOnlyList<string> Authors,
    bool Withdrawn = false);
