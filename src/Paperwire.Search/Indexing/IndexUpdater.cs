using Microsoft.EntityFrameworkCore;
using Paperwire.Search.Embeddings;
using Paperwire.Storage;

namespace Paperwire.Search.Indexing;

/// <summary>
/// Moves a generation's indexes forward one batch at a time: the keyword index along the catalog's change sequence,
/// the vector index along the stored vectors' embedding sequence. Neither runs the model: vectors come from the
/// database, where the embedding workers put them.
/// </summary>
public sealed class IndexUpdater(SearchIndexes indexes, CatalogChanges changes, PaperwireDbContext db)
{
    public const int KeywordBatch = 2000;

    /// <summary>Stored vectors read per step (about 800 bytes each).</summary>
    public const int VectorBatch = 5000;

    /// <summary>Brings <paramref name="generation"/> up to the catalog's latest change and the latest stored vector, and saves it.</summary>
    public async Task CatchUpAsync(IndexGeneration generation, CancellationToken cancellationToken)
    {
        while (await UpdateKeywordAsync(generation, cancellationToken) > 0)
        {
        }

        while (await UpdateVectorsAsync(generation, cancellationToken) > 0)
        {
        }

        if (generation.HasUnsavedVectors)
        {
            generation.SaveVectors();
        }
    }

    /// <summary>Indexes the next batch of changed papers for keyword search; returns how many.</summary>
    public async Task<int> UpdateKeywordAsync(IndexGeneration generation, CancellationToken cancellationToken)
    {
        var papers = await changes.AfterAsync(generation.KeywordSequence, KeywordBatch, cancellationToken);
        if (papers.Count == 0)
        {
            return 0;
        }

        // A retired id (a local paper merged into its arXiv twin) loses its row and, with it, its stored vector: no
        // tombstone will reach the vector index, so its vector goes here, saved before the keyword position moves on.
        if (generation.Vectors is { } vectors && papers.Any(p => p.Retired))
        {
            vectors.Remove(papers.Where(p => p.Retired).Select(p => PaperKey.For(p.Id)));
            generation.SaveVectors();
        }

        generation.Keyword.Apply(papers);
        generation.CommitKeyword(papers[^1].ChangeSequence);
        return papers.Count;
    }

    /// <summary>Applies the next batch of stored vectors (tombstones remove their paper); returns how many.</summary>
    public async Task<int> UpdateVectorsAsync(IndexGeneration generation, CancellationToken cancellationToken)
    {
        if (generation.Vectors is not { } vectors)
        {
            return 0;
        }

        var model = indexes.ModelName;
        var rows = await db.PaperEmbeddings.AsNoTracking()
            .Where(e => e.Model == model && e.Sequence > generation.VectorSequence)
            .OrderBy(e => e.Sequence)
            .Take(VectorBatch)
            .Select(e => new { e.PaperId, e.Vector, e.Sequence })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        vectors.Remove(rows.Where(r => r.Vector is null).Select(r => PaperKey.For(r.PaperId)));
        var current = rows.Where(r => r.Vector is not null).ToList();
        if (current.Count > 0)
        {
            vectors.Upsert([.. current.Select(r => r.PaperId)], [.. current.Select(r => HalfVectors.Decode(r.Vector!))]);
        }

        generation.VectorsApplied(rows[^1].Sequence);
        return rows.Count;
    }

    /// <summary>How many stored vectors (tombstones included) this generation has not read yet (for progress bars).</summary>
    public Task<int> VectorsAfterAsync(IndexGeneration generation, CancellationToken cancellationToken)
    {
        var model = indexes.ModelName;
        return db.PaperEmbeddings.CountAsync(e => e.Model == model && e.Sequence > generation.VectorSequence, cancellationToken);
    }
}
