using System.IO.Hashing;
using System.Text;

namespace Paperwire.Search.Embeddings;

/// <summary>
/// Vectors by text, on this node: the vectors shipped with the demo corpora, then the data folder's cache file (a
/// local copy of what this node embedded; the database holds the truth), then the model, whose vectors are appended
/// to the cache. Embedding workers look here before running the model, so an upgraded data folder re-runs nothing.
/// </summary>
public sealed class EmbeddingStore(ITextEmbedder embedder, VectorFile cache, IReadOnlyDictionary<ulong, float[]> shipped) : IDisposable
{
    public const string ShippedResource = "corpus-vectors.pwvec";

    public ITextEmbedder Embedder => embedder;

    public ulong Hash(string text) => HashOf(embedder.ModelName, text);

    /// <summary>
    /// Where <see cref="LoadShipped"/> keeps the vector of <paramref name="text"/> (title, abstract): lets evaluations
    /// and benchmarks use the shipped vectors of the demo corpora without loading the model.
    /// </summary>
    public static ulong ShippedKey(string text) => HashOf(ArcticModel.Float.Name, text);

    private static ulong HashOf(string modelName, string text) => XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(modelName + "\n" + text));

    /// <summary>
    /// The vectors shipped inside this assembly for the demo page and the arXiv sample: the float model's, keyed by its
    /// name, so another model (the int8 one) finds none of them and embeds every text itself.
    /// </summary>
    public static IReadOnlyDictionary<ulong, float[]> LoadShipped()
    {
        using var stream = typeof(EmbeddingStore).Assembly.GetManifestResourceStream(ShippedResource);
        // An empty resource is how the shipped vectors are regenerated (docs/search.md): every text goes to the model.
        return stream is null || stream.Length == 0 ? new Dictionary<ulong, float[]>() : VectorFile.ReadAll(stream);
    }

    /// <summary>The vector of the text with hash <paramref name="hash"/> when shipped or cached here.</summary>
    public bool TryGetKnown(ulong hash, out float[] vector) => shipped.TryGetValue(hash, out vector!) || cache.TryGet(hash, out vector);

    /// <summary>One vector per text, in order; counts how many needed the model.</summary>
    public float[][] GetOrEmbed(IReadOnlyList<string> texts, out int embedded, CancellationToken cancellationToken = default)
    {
        var vectors = new float[texts.Count][];
        var missing = new List<int>();
        var hashes = new ulong[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            hashes[i] = Hash(texts[i]);
            if (shipped.TryGetValue(hashes[i], out var known) || cache.TryGet(hashes[i], out known))
            {
                vectors[i] = known;
            }
            else
            {
                missing.Add(i);
            }
        }

        embedded = missing.Count;
        if (missing.Count > 0)
        {
            var fresh = embedder.EmbedDocuments([.. missing.Select(i => texts[i])], cancellationToken);
            for (var j = 0; j < missing.Count; j++)
            {
                vectors[missing[j]] = fresh[j];
            }

            cache.Append(missing.Select((i, j) => (hashes[i], fresh[j])));
        }

        return vectors;
    }

    public void Dispose() => cache.Dispose();
}
