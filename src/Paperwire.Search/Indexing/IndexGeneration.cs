using Paperwire.Search.Keyword;
using Paperwire.Search.Vectors;

namespace Paperwire.Search.Indexing;

/// <summary>
/// One complete set of indexes in its own folder: the Lucene index, the vector index and their state.
/// A rebuild writes a new generation beside the serving one and switches over only when it is complete.
/// </summary>
public sealed class IndexGeneration : IDisposable
{
    private const string VectorFileName = "vectors.usearch";
    private readonly Lock stateGate = new();

    private readonly string? model;

    private IndexGeneration(string folder, KeywordIndex keyword, VectorIndex? vectors, IndexState state, string? model)
    {
        Folder = folder;
        Name = Path.GetFileName(folder);
        Keyword = keyword;
        Vectors = vectors;
        this.model = model;
        KeywordSequence = state.KeywordSequence;
        VectorSequence = savedVectorSequence = state.VectorModel == model ? state.VectorSequence : 0;
    }

    public string Name { get; }

    public string Folder { get; }

    public KeywordIndex Keyword { get; }

    /// <summary>Null when embeddings are switched off.</summary>
    public VectorIndex? Vectors { get; }

    /// <summary>The last catalog change in the keyword index (committed).</summary>
    public long KeywordSequence { get; private set; }

    /// <summary>The last stored vector (embedding sequence) in the vector index (in memory; saved by <see cref="SaveVectors"/>).</summary>
    public long VectorSequence { get; private set; }

    private long savedVectorSequence;

    /// <param name="model">The embedding model whose stored vectors the vector index follows; null: no vector index.</param>
    public static IndexGeneration Open(string folder, int? dimensions, string? model)
    {
        Directory.CreateDirectory(folder);
        var state = IndexState.Read(folder);
        var keyword = KeywordIndex.Open(Path.Combine(folder, "keyword"));
        // Vectors of another model mean nothing beside this one's: start empty. Those of a version that followed the
        // change sequence (no model in the state) are this model's; keep them while the stored ones are read again.
        var vectors = (dimensions, model) is ({ } d, not null)
            ? state.VectorModel is null || state.VectorModel == model ? VectorIndex.OpenOrCreate(Path.Combine(folder, VectorFileName), d) : VectorIndex.Create(d)
            : null;
        return new IndexGeneration(folder, keyword, vectors, state, model);
    }

    public bool HasUnsavedVectors => VectorSequence != savedVectorSequence;

    public void CommitKeyword(long sequence)
    {
        Keyword.Commit();
        KeywordSequence = sequence;
        WriteState();
    }

    public void VectorsApplied(long sequence) => VectorSequence = sequence;

    /// <summary>Saves the vector index (a full write: done when caught up or now and then, not per batch).</summary>
    public void SaveVectors()
    {
        var sequence = VectorSequence;
        Vectors?.Save(Path.Combine(Folder, VectorFileName));
        savedVectorSequence = sequence;
        WriteState();
    }

    private void WriteState()
    {
        lock (stateGate)
        {
            new IndexState(KeywordSequence, savedVectorSequence, model).Write(Folder);
        }
    }

    public void Dispose()
    {
        Keyword.Dispose();
        Vectors?.Dispose();
    }
}
