namespace Paperwire.Search.Embeddings;

/// <summary>Turns text into unit-length vectors whose dot product measures similarity of meaning.</summary>
public interface ITextEmbedder
{
    /// <summary>Names the model; cached vectors are keyed by it so a new model never reuses old vectors.</summary>
    string ModelName { get; }

    int Dimensions { get; }

    /// <summary>Embeds papers (title and abstract), in the order given.</summary>
    float[][] EmbedDocuments(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);

    /// <summary>Embeds a search query (with the model's query instruction).</summary>
    float[] EmbedQuery(string query);
}
