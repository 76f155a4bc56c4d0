namespace Paperwire.Search;

/// <summary>Settings of the search module, section <c>Search</c>.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>Meaning-based search and similar papers. Off: keyword search only, no model is loaded.</summary>
    public bool Embeddings { get; set; } = true;

    /// <summary>
    /// This node embeds papers (claims batches from the database's embedding queue). Off: the node only builds its
    /// vector index from the vectors other nodes (or <c>paperwire embed</c>) stored.
    /// </summary>
    public bool EmbeddingWorker { get; set; } = true;

    /// <summary>Papers one node claims at a time: a few seconds of model work on a CPU, so N nodes split a queue evenly.</summary>
    public int EmbeddingClaimSize { get; set; } = 64;

    /// <summary>
    /// This node also picks key sentences and keywords (docs/glance.md) once its embedding queue is empty. Off: it
    /// leaves them to other nodes; papers nobody picks for show none.
    /// </summary>
    public bool Glance { get; set; } = true;

    /// <summary>Papers one node claims at a time for key sentences: each is some 50 short texts through the model.</summary>
    public int GlanceClaimSize { get; set; } = 16;

    /// <summary>How long a claim holds: a node killed mid-batch leaves its papers to others after this.</summary>
    public TimeSpan EmbeddingClaimDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The embedding model: <c>arctic-embed-xs</c> (float, as published) or <c>arctic-embed-xs-int8</c> (our int8
    /// quantization: faster on a CPU, measured in docs/search.md). Vectors are stored per model, so a change re-embeds
    /// the catalog (each node's embedding worker queues what the new model lacks) and never mixes the two.
    /// </summary>
    public string EmbeddingModel { get; set; } = "arctic-embed-xs";

    /// <summary>Where the model runs: <c>cpu</c>, or <c>cuda</c> (ONNX Runtime's CUDA provider; needs an NVIDIA GPU).</summary>
    public string EmbeddingDevice { get; set; } = "cpu";

    internal bool UsesCuda => string.Equals(EmbeddingDevice, "cuda", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where index generations live; the host sets it to <c>DATA/search</c> unless configured.</summary>
    public string? IndexDirectory { get; set; }

    /// <summary>Papers embedded per model call; batches are sorted by length so little is padding.</summary>
    public int EmbeddingBatchSize { get; set; } = 16;

    /// <summary>
    /// Tokens kept per paper (title first, then abstract). 256 keeps the whole text of ~80% of arXiv abstracts,
    /// costs half of 512, and changed vectors by a mean cosine of 0.003 on the sample (docs/search.md).
    /// </summary>
    public int MaxTokens { get; set; } = 256;

    /// <summary>Threads the model may use per call; 0 means one per core.</summary>
    public int EmbeddingThreads { get; set; }

    /// <summary>How often the index worker looks for catalog changes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of a long query's words a paper must contain in keyword-only search (0: any word).</summary>
    public double KeywordMatch { get; set; }

    /// <summary>The same share when meaning search runs alongside and catches what strict keywords miss.</summary>
    public double HybridKeywordMatch { get; set; } = 0.75;

    /// <summary>How keyword and meaning results are merged (measured in docs/search.md).</summary>
    public Hybrid.FusionMethod Fusion { get; set; } = Hybrid.FusionMethod.Weighted;

    /// <summary>Weight of meaning against keywords in fusion, 0 to 1.</summary>
    public double SemanticWeight { get; set; } = 0.5;

    /// <summary>The k of reciprocal rank fusion: larger flattens the advantage of the very top ranks.</summary>
    public int RrfK { get; set; } = 60;

    internal Hybrid.FusionSettings FusionSettings => new(Fusion, SemanticWeight, RrfK);

    /// <summary>
    /// Cosine similarity of the nearest paper from which a query without keyword matches still has close matches;
    /// below it the search page says nothing matches well. Calibrated on the judged queries against queries about
    /// nothing in the catalog (docs/search.md).
    /// </summary>
    public double CloseMatchSimilarity { get; set; } = 0.58;

    /// <summary>How many results each method contributes to fusion; also the deepest page a query reaches.</summary>
    public int Candidates { get; set; } = 100;

    /// <summary>
    /// Up to this many papers passing a search's filters, meaning search scores every one of them exactly (their vectors
    /// gathered side by side once per filter); above it, it searches the vector graphs for papers that pass. A graph
    /// search costs about the inverse of the share that passes, a scan the number that pass; at a million papers
    /// they meet near a fifth (docs/benchmarks.md, "Filtered search (issue 14)").
    /// </summary>
    public int FilteredExactScanLimit { get; set; } = 200_000;
}
