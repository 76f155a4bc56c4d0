using Paperwire.Core.Papers;
using Paperwire.Recommend.Signals;
using Paperwire.Recommend.Vectors;
using Paperwire.Search.Embeddings;

namespace Paperwire.Recommend.Evaluation;

/// <summary>A paper of the evaluation corpus: what ranking sees, and the text topics are defined by.</summary>
public sealed record EvaluationPaper(CatalogPaper Paper, string Title, string Summary)
{
    public string Id => Paper.Id;

    /// <summary>arXiv lists the primary category first.</summary>
    public string? PrimaryCategory => Paper.Categories.Count > 0 ? Paper.Categories[0] : null;
}

/// <summary>
/// The shipped arXiv sample with the shipped vectors (the model's vectors of title + abstract, as the search index
/// holds them): the papers synthetic readers are drawn from and ranked over. Papers without a shipped vector
/// or without categories are left out.
/// </summary>
public sealed class EvaluationCorpus
{
    private readonly Dictionary<string, EvaluationPaper> byId;

    private EvaluationCorpus(List<EvaluationPaper> papers, Dictionary<string, float[]> vectors)
    {
        Papers = papers;
        Vectors = new InMemoryPaperVectors(vectors);
        byId = papers.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<EvaluationPaper> Papers { get; }

    public IPaperVectors Vectors { get; }

    public EvaluationPaper Paper(string id) => byId[id];

    /// <param name="papers">Catalog papers as the importers make them (the embedded text must match the shipped vectors').</param>
    public static EvaluationCorpus FromPapers(IEnumerable<Paper> papers)
    {
        var shipped = EmbeddingStore.LoadShipped();
        var kept = new List<EvaluationPaper>();
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var paper in papers)
        {
            // The text the index embeds (IndexedPaper.EmbeddingText).
            if (paper.Categories.Count == 0 || paper.Withdrawn
                || !shipped.TryGetValue(EmbeddingStore.ShippedKey($"{paper.Title}. {paper.Summary}"), out var vector)
                || !vectors.TryAdd(paper.Id, vector))
            {
                continue;
            }

            var catalog = new CatalogPaper(
                paper.Id,
                paper.Title,
                DateOnly.FromDateTime(paper.PublishedAt.UtcDateTime),
                paper.Categories,
                paper.OrganizationName,
                [.. paper.Authors.Where(a => !a.Hidden).Select(a => a.Name)]);
            kept.Add(new EvaluationPaper(catalog, paper.Title, paper.Summary));
        }

        return new EvaluationCorpus(kept, vectors);
    }
}
