using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paperwire.Search.Embeddings;

namespace Paperwire.Search.Indexing;

/// <summary>
/// The search folder of this node: index generations (<c>gen-…</c>), the pointer to the serving one
/// (<c>current</c>) and the embedding cache (a local copy: the vectors themselves live in the database). Hands out the serving generation and switches to a newer one
/// when a rebuild promotes it.
/// </summary>
public sealed class SearchIndexes : IDisposable
{
    private const string PointerFile = "current";
    private const string GenerationPrefix = "gen-";

    private readonly SearchOptions options;
    private readonly ILogger<SearchIndexes> logger;
    private readonly Lazy<EmbeddingStore> store;
    private readonly ITextEmbedder embedder;
    private readonly Lock gate = new();
    private IndexGeneration? current;

    public SearchIndexes(IOptions<SearchOptions> options, ITextEmbedder embedder, ILogger<SearchIndexes> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        this.embedder = embedder;
        Root = Path.GetFullPath(this.options.IndexDirectory
            ?? throw new InvalidOperationException("Search:IndexDirectory is not set."));
        store = new(() => new EmbeddingStore(
            embedder,
            VectorFile.Open(Path.Combine(Root, "embeddings.pwvec"), embedder.Dimensions),
            EmbeddingStore.LoadShipped()));
    }

    public string Root { get; }

    public bool EmbeddingsEnabled => options.Embeddings;

    public EmbeddingStore Embeddings => store.Value;

    /// <summary>The model whose stored vectors this node serves (its name only: nothing is loaded).</summary>
    public string ModelName => embedder.ModelName;

    /// <summary>
    /// A paper's vector as the serving generation holds it: the one copy that search, similar papers and personal
    /// ranking all read. False when the paper is not embedded yet (or withdrawn), or embeddings are off.
    /// </summary>
    public bool TryGetPaperVector(string paperId, out float[] vector)
    {
        if (Current.Vectors is { } vectors)
        {
            return vectors.TryGet(PaperKey.For(paperId), out vector);
        }

        vector = [];
        return false;
    }

    /// <summary>The newest catalog change the index worker has seen; null until its first look.</summary>
    public long? CatalogSequence { get; set; }

    /// <summary>The newest stored vector (embedding sequence) the index worker has seen; null until its first look.</summary>
    public long? EmbeddingSequence { get; set; }

    /// <summary>Whether papers were waiting for a vector at the index worker's last look.</summary>
    public bool EmbeddingsPending { get; set; }

    /// <summary>
    /// True while embeddings are on but not every paper is embedded and in this node's vector index: papers wait in the
    /// database's embedding queue, or stored vectors are not read yet.
    /// </summary>
    public bool SemanticWarmingUp
    {
        get
        {
            if (!EmbeddingsEnabled)
            {
                return false;
            }

            var generation = Current;
            // Before the worker's first look, an empty vector index may just not be loaded yet; after it, an empty
            // catalog (nothing queued, sequence 0) is simply caught up.
            return EmbeddingSequence is { } latest ? EmbeddingsPending || generation.VectorSequence < latest : generation.Vectors?.Count == 0;
        }
    }

    /// <summary>The serving generation; created empty on a first start, then filled by the index worker.</summary>
    public IndexGeneration Current
    {
        get
        {
            lock (gate)
            {
                if (current is null)
                {
                    var name = ReadPointer();
                    if (name is null)
                    {
                        name = NewGenerationName();
                        WritePointer(name);
                    }

                    current = Open(name);
                }

                return current;
            }
        }
    }

    /// <summary>The name of the generation the pointer names, if any (does not open it).</summary>
    public string? ServingGeneration => ReadPointer();

    /// <summary>Starts the folder of a new generation that nothing serves yet.</summary>
    public IndexGeneration CreateGeneration() => Open(NewGenerationName());

    /// <summary>Makes <paramref name="generation"/> the one to serve. Dispose it first: its writer lock must be free.</summary>
    public void Promote(string generation)
    {
        WritePointer(generation);
        logger.LogInformation("Search index generation {Generation} promoted", generation);
    }

    /// <summary>Switches to the generation the pointer names, when a rebuild (maybe another process) moved it.</summary>
    public bool SwitchToPromoted()
    {
        IndexGeneration? previous;
        string? name;
        lock (gate)
        {
            name = ReadPointer();
            if (current is null || name is null || name == current.Name)
            {
                return false;
            }

            previous = current;
            current = Open(name);
        }

        logger.LogInformation("Search now serves index generation {Generation}", name);

        // Searches that started on the old generation finish within milliseconds; give them ample time.
        _ = Task.Delay(TimeSpan.FromSeconds(30)).ContinueWith(_ =>
        {
            previous.Dispose();
            TryDelete(previous.Folder);
        }, TaskScheduler.Default);
        return true;
    }

    /// <summary>Deletes generation folders other than the serving one and <paramref name="keep"/>.</summary>
    public void DeleteStaleGenerations(IReadOnlyCollection<string> keep)
    {
        var serving = ReadPointer();
        foreach (var folder in Directory.EnumerateDirectories(Root, GenerationPrefix + "*"))
        {
            var name = Path.GetFileName(folder);
            if (name != serving && !keep.Contains(name))
            {
                TryDelete(folder);
            }
        }
    }

    private IndexGeneration Open(string name) =>
        IndexGeneration.Open(Path.Combine(Root, name), options.Embeddings ? embedder.Dimensions : null, options.Embeddings ? embedder.ModelName : null);

    private string? ReadPointer()
    {
        var path = Path.Combine(Root, PointerFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var name = File.ReadAllText(path).Trim();
        return Directory.Exists(Path.Combine(Root, name)) ? name : null;
    }

    private void WritePointer(string name)
    {
        Directory.CreateDirectory(Root);
        var path = Path.Combine(Root, PointerFile);
        File.WriteAllText(path + ".tmp", name);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private string NewGenerationName()
    {
        var name = GenerationPrefix + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Path.Combine(Root, name));
        return name;
    }

    private void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException exception)
        {
            logger.LogWarning(exception, "Could not delete the old index generation {Folder}", folder);
        }
        catch (UnauthorizedAccessException exception)
        {
            logger.LogWarning(exception, "Could not delete the old index generation {Folder}", folder);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            current?.Dispose();
        }

        if (store.IsValueCreated)
        {
            store.Value.Dispose();
        }
    }
}
