namespace Paperwire.Search;

/// <summary>
/// What the search indexes need of a catalog paper. <paramref name="Retired"/>: an id that no longer exists (a local
/// paper merged into its arXiv twin), read as withdrawn so the indexes drop it.
/// </summary>
public sealed record IndexedPaper(
    string Id,
    string Title,
    string Summary,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Categories,
    DateOnly PublishedOn,
    string? Organization,
    bool InDailyFeed,
    bool Withdrawn,
    long ChangeSequence,
    bool Retired = false)
{
    /// <summary>The text the model embeds: title, then abstract.</summary>
    public string EmbeddingText => TextOf(Title, Summary);

    public static string TextOf(string title, string summary) => $"{title}. {summary}";
}
