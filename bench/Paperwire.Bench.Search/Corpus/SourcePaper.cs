namespace Paperwire.Bench.Search.Corpus;

/// <summary>One real paper of the shipped corpora, cut into the pieces synthetic papers are made of.</summary>
internal sealed record SourcePaper(
    string Id,
    string Title,
    string Abstract,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Categories,
    DateOnly Date,
    bool InFeed,
    string[] Sentences)
{
    /// <summary>What the app embeds for a paper (<c>IndexedPaper.EmbeddingText</c>).</summary>
    public string EmbeddingText => $"{Title}. {Abstract}";
}
