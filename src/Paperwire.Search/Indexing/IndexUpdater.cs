namespace Paperwire.Search.Indexing;

/// <summary>Moves a generation's indexes forward along the change sequence, one batch at a time.</summary>
public sealed class IndexUpdater(SearchIndexes indexes, CatalogChanges changes)
{
    public const int KeywordBatch = 2000;

    /// <summary>Vectors per step: small enough that a step of fresh embeddings takes seconds, not minutes.</summary>
    public const int VectorBatch = 256;

    /// <summary>Brings <paramref name="generation"/> up to the catalog's latest change (keyword, then vectors) and saves it.</summary>
    public async Task CatchUpAsync(IndexGeneration generation, CancellationToken cancellationToken)
    {
        while (await UpdateKeywordAsync(generation, cancellationToken) > 0)
        {
        }

        while ((await UpdateVectorsAsync(generation, cancellationToken)).Papers > 0)
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

        // Before the papers become findable: from then until their vectors are in, search says it is warming up.
        indexes.CatchingUp = true;
        generation.Keyword.Apply(papers);
        generation.CommitKeyword(papers[^1].ChangeSequence);
        return papers.Count;
    }

    /// <summary>Embeds (or takes from the cache) the next batch of changed papers; returns how many papers and how many needed the model.</summary>
    public async Task<(int Papers, int Embedded)> UpdateVectorsAsync(IndexGeneration generation, CancellationToken cancellationToken)
    {
        if (generation.Vectors is not { } vectors)
        {
            return (0, 0);
        }

        // Vectors never run ahead of keyword: a paper committed after this round's keyword step is left for the
        // next round, which keyword-indexes it first, instead of waiting behind seconds of embedding to be findable.
        var papers = await changes.AfterAsync(generation.VectorSequence, VectorBatch, cancellationToken, through: generation.KeywordSequence);
        if (papers.Count == 0)
        {
            return (0, 0);
        }

        var withdrawn = papers.Where(p => p.Withdrawn).ToList();
        vectors.Remove(withdrawn.Select(p => PaperKey.For(p.Id)));

        var current = papers.Where(p => !p.Withdrawn).ToList();
        var embedded = 0;
        if (current.Count > 0)
        {
            // The model is CPU-bound; keep it off the request threads' async continuations.
            var found = await Task.Run(
                () => indexes.Embeddings.GetOrEmbed([.. current.Select(p => p.EmbeddingText)], out embedded, cancellationToken),
                cancellationToken);
            vectors.Upsert([.. current.Select(p => p.Id)], found);
        }

        generation.VectorsApplied(papers[^1].ChangeSequence);
        return (papers.Count, embedded);
    }
}
