using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using Paperwire.Search.Embeddings;

namespace Paperwire.Tests.Embeddings;

/// <summary>
/// A stand-in model that counts what it embeds: unit vectors derived from the text's hash (the same text, the same
/// vector), under a model name of its own so no shipped vector ever fits. With <c>refuse</c> it throws instead,
/// for nodes that must never run the model.
/// </summary>
internal sealed class CountingEmbedder(bool refuse = false) : ITextEmbedder
{
    private readonly ConcurrentDictionary<string, int> texts = new(StringComparer.Ordinal);

    public string ModelName => "counting-test-model";

    public int Dimensions => 384;

    /// <summary>Papers embedded so far.</summary>
    public int Documents => texts.Values.Sum();

    /// <summary>How often each text was embedded.</summary>
    public IReadOnlyDictionary<string, int> Texts => texts;

    public float[][] EmbedDocuments(IReadOnlyList<string> batch, CancellationToken cancellationToken = default)
    {
        if (refuse)
        {
            throw new InvalidOperationException("This node must not run the model.");
        }

        foreach (var text in batch)
        {
            texts.AddOrUpdate(text, 1, (_, count) => count + 1);
        }

        return [.. batch.Select(VectorOf)];
    }

    public float[] EmbedQuery(string query) => VectorOf(query);

    private float[] VectorOf(string text)
    {
        var random = new Random(unchecked((int)XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(text))));
        var vector = new float[Dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() - 0.5);
        }

        return VectorMath.Normalized(vector);
    }
}
