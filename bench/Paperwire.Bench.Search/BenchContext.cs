using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Paperwire.Bench.Search.Corpus;
using Paperwire.Search;
using Paperwire.Search.Embeddings;
using Paperwire.Search.Indexing;

namespace Paperwire.Bench.Search;

/// <summary>Where a run keeps its files, and what every phase needs: the corpus, the queries, the model.</summary>
internal sealed class BenchContext : IDisposable
{
    private readonly Lazy<SourceCorpus> sources;
    private readonly Lazy<float[][]> realVectors;
    private readonly Lazy<SyntheticCorpus> corpus;
    private readonly Lazy<IReadOnlyList<string>> queries;

    public BenchContext(BenchOptions options)
    {
        Options = options;
        Repository = options.Repository ?? FindRepository();
        Folder = Path.Combine(options.Work, $"{options.Papers}-seed{options.Seed}");
        var searchOptions = new SearchOptions { IndexDirectory = Path.Combine(Folder, "search") };
        if (options.ExactScanLimit is { } limit)
        {
            // Set through reflection: the code before issue 14 has no such setting, and the benchmark builds against both.
            typeof(SearchOptions).GetProperty("FilteredExactScanLimit")?.SetValue(searchOptions, limit);
        }

        SearchOptions = Microsoft.Extensions.Options.Options.Create(searchOptions);
        Embedder = new ArcticEmbedder(SearchOptions);
        var demo = Path.Combine(Repository, "src", "Paperwire.Ingest", "DemoCorpus");
        sources = new(() => SourceCorpus.Load(Path.Combine(demo, "arxiv-sample.jsonl"), Path.Combine(demo, "seed-page-papers.json")));
        realVectors = new(() => SourceVectors.Load(Sources, Embedder, Path.Combine(options.Work, "source-vectors.pwvec")));
        corpus = new(() => new SyntheticCorpus(Sources, RealVectors, options.Papers, options.Seed));
        queries = new(() => QuerySet.Build(Sources, Path.Combine(Repository, "eval", "search-queries.json"), options.Seed));
    }

    public BenchOptions Options { get; }

    public string Repository { get; }

    /// <summary>This size and seed's folder: the search indexes and the build's results.</summary>
    public string Folder { get; }

    public string BuildResults => Path.Combine(Folder, "build.json");

    public IOptions<SearchOptions> SearchOptions { get; }

    /// <summary>The app's embedder with its default settings (batches of 16, 256 tokens, a thread per core).</summary>
    public ArcticEmbedder Embedder { get; }

    public SourceCorpus Sources => sources.Value;

    /// <summary>The model's vectors of the real papers, in <see cref="Sources"/> order.</summary>
    public float[][] RealVectors => realVectors.Value;

    public SyntheticCorpus Corpus => corpus.Value;

    public IReadOnlyList<string> Queries => queries.Value;

    public SearchIndexes OpenIndexes() => new(SearchOptions, Embedder, NullLogger<SearchIndexes>.Instance);

    public void RequireBuilt()
    {
        if (!File.Exists(BuildResults))
        {
            throw new InvalidOperationException($"No index of {Options.Papers:N0} papers in {Folder}; run the build phase first.");
        }
    }

    public void Dispose() => Embedder.Dispose();

    private static string FindRepository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Paperwire.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Paperwire.slnx not found above the program; pass --repo.");
    }
}
