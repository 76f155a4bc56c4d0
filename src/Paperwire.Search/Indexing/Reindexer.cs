namespace Paperwire.Search.Indexing;

public enum ReindexPhase
{
    Keyword,
    Vectors,
}

public sealed record ReindexProgress(ReindexPhase Phase, int Done, int Total, int Embedded);

public sealed record ReindexSummary(string Generation, int Papers, int Vectors, int Embedded, TimeSpan Elapsed);

/// <summary>
/// Rebuilds every index from storage into a new generation and promotes it only when complete: a rebuild
/// killed halfway leaves the previous generation serving. Vectors come from the embedding cache where the
/// text is unchanged, so a rebuild re-runs the model only for papers it has never seen.
/// </summary>
public sealed class Reindexer(SearchIndexes indexes, CatalogChanges changes, TimeProvider time)
{
    public async Task<ReindexSummary> RunAsync(IProgress<ReindexProgress>? progress, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var total = await changes.CountAfterAsync(0, cancellationToken);
        var updater = new IndexUpdater(indexes, changes);
        var previous = indexes.ServingGeneration;
        string name;
        int papers = 0, vectors = 0, embedded = 0;
        using (var generation = indexes.CreateGeneration())
        {
            name = generation.Name;
            progress?.Report(new(ReindexPhase.Keyword, 0, total, 0));
            for (int count; (count = await updater.UpdateKeywordAsync(generation, cancellationToken)) > 0;)
            {
                papers += count;
                progress?.Report(new(ReindexPhase.Keyword, papers, total, 0));
            }

            if (indexes.EmbeddingsEnabled)
            {
                progress?.Report(new(ReindexPhase.Vectors, 0, total, 0));
                while (true)
                {
                    var (count, fresh) = await updater.UpdateVectorsAsync(generation, cancellationToken);
                    if (count == 0)
                    {
                        break;
                    }

                    vectors += count;
                    embedded += fresh;
                    progress?.Report(new(ReindexPhase.Vectors, vectors, total, embedded));
                }

                generation.SaveVectors();
            }
        }

        indexes.Promote(name);
        indexes.DeleteStaleGenerations(keep: previous is null ? [name] : [name, previous]);
        return new ReindexSummary(name, papers, vectors, embedded, time.GetElapsedTime(started));
    }
}
