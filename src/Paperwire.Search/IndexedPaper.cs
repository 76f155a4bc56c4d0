namespace Paperwire.Search;

/// <summary>What the search indexes need of a catalog paper.</summary>
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
    long ChangeSequence)
{
    /// <summary>The text the model embeds: title, then abstract.</summary>
    public string EmbeddingText => TextOf(Title, Summary);

    public static string TextOf(string title, string summary) => $"{title}. {summary}";
}
