using System.Diagnostics;
using Paperwire.Search.Embeddings;

namespace Paperwire.Bench.Search.Corpus;

/// <summary>
/// The model's vectors of the real papers, through the app's own <see cref="EmbeddingStore"/>: the vectors shipped
/// in Paperwire.Search (when it ships them), then a cache file, and the model only for what neither has, so
/// only a first run pays for embedding the 4,336 papers.
/// </summary>
internal static class SourceVectors
{
    public static float[][] Load(SourceCorpus corpus, ITextEmbedder embedder, string cachePath)
    {
        var started = Stopwatch.GetTimestamp();
        var shipped = EmbeddingStore.LoadShipped();
        using var store = new EmbeddingStore(embedder, VectorFile.Open(cachePath, embedder.Dimensions), shipped);
        var texts = corpus.Papers.Select(p => p.EmbeddingText).ToArray();
        var vectors = store.GetOrEmbed(texts, out var embedded);
        Console.WriteLine($"source vectors: {vectors.Length:N0} real papers; {shipped.Count:N0} shipped vectors in Paperwire.Search, " +
            $"{vectors.Length - embedded:N0} found (shipped or {cachePath}), {embedded:N0} embedded now, {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        return vectors;
    }
}
