using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace Paperwire.Search.Embeddings;

/// <summary>
/// Runs snowflake-arctic-embed-xs (float or int8, <see cref="SearchOptions.EmbeddingModel"/>) in-process with ONNX Runtime: WordPiece tokens, truncated to
/// <see cref="SearchOptions.MaxTokens"/>, batched by similar length (so almost nothing is padding),
/// the [CLS] vector normalized to unit length. Thread-safe; the model loads on first use.
/// </summary>
public sealed class ArcticEmbedder : ITextEmbedder, IDisposable
{
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly SearchOptions options;
    private readonly ArcticModel arctic;
    private readonly Lazy<(InferenceSession Session, BertTokenizer Tokenizer)> model;

    public ArcticEmbedder(IOptions<SearchOptions> options)
    {
        this.options = options.Value;
        arctic = ArcticModel.Find(this.options.EmbeddingModel) ?? throw new ArgumentException(ArcticModel.Unknown(this.options.EmbeddingModel), nameof(options));
        model = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string ModelName => arctic.Name;

    public int Dimensions => ArcticModel.Dimensions;

    public float[][] EmbedDocuments(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var tokens = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            tokens[i] = Tokenize(texts[i]);
        }

        // Shortest first: each batch pads only to its own longest member.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Length).ToArray();
        var vectors = new float[texts.Count][];
        var batchSize = Math.Max(1, options.EmbeddingBatchSize);
        for (var start = 0; start < order.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
            var batchVectors = Run(batch.Select(i => tokens[i]).ToArray());
            for (var j = 0; j < batch.Length; j++)
            {
                vectors[batch[j]] = batchVectors[j];
            }
        }

        return vectors;
    }

    public float[] EmbedQuery(string query) => Run([Tokenize(ArcticModel.QueryPrefix + query)])[0];

    /// <summary>Token ids with [CLS] and [SEP], at most <see cref="SearchOptions.MaxTokens"/> of them.</summary>
    internal int[] Tokenize(string text) =>
        [.. model.Value.Tokenizer.EncodeToIds(text, options.MaxTokens, addSpecialTokens: true, out _, out _)];

    private float[][] Run(int[][] batch)
    {
        var length = batch.Max(t => t.Length);
        var ids = new long[batch.Length * length];
        var mask = new long[batch.Length * length];
        for (var b = 0; b < batch.Length; b++)
        {
            for (var t = 0; t < batch[b].Length; t++)
            {
                ids[(b * length) + t] = batch[b][t];
                mask[(b * length) + t] = 1;
            }
        }

        long[] shape = [batch.Length, length];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var attentionMask = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var tokenTypes = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var runOptions = new RunOptions();
        using var outputs = model.Value.Session.Run(runOptions, InputNames, [inputIds, attentionMask, tokenTypes], OutputNames);

        // last_hidden_state is [batch, tokens, 384]; the model's sentence vector is the [CLS] token's.
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var vectors = new float[batch.Length][];
        for (var b = 0; b < batch.Length; b++)
        {
            vectors[b] = VectorMath.Normalized(hidden.Slice(b * length * Dimensions, Dimensions));
        }

        return vectors;
    }

    private (InferenceSession, BertTokenizer) Load()
    {
        var threads = options.EmbeddingThreads > 0 ? options.EmbeddingThreads : Environment.ProcessorCount;
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        if (options.UsesCuda)
        {
            // Needs ONNX Runtime's CUDA build (docs/search.md); the CPU build refuses here with a clear message.
            sessionOptions.AppendExecutionProvider_CUDA(0);
        }

        var session = new InferenceSession(arctic.ReadModel(), sessionOptions);
        using var vocabulary = ArcticModel.OpenVocabulary();
        var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
        return (session, tokenizer);
    }

    public void Dispose()
    {
        if (model.IsValueCreated)
        {
            model.Value.Session.Dispose();
        }
    }
}
