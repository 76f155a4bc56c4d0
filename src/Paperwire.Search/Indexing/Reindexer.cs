using Microsoft.Extensions.Options;
using Paperwire.Search.Embeddings;

namespace Paperwire.Search.Indexing;

public enum ReindexPhase
{
    Keyword,
    Embeddings,
    Vectors,
}

/// <summary>Progress of a phase; <see cref="Embedded"/> counts papers run through the model so far.</summary>
public sealed record ReindexProgress(ReindexPhase Phase, int Done, int Total, int Embedded);

public sealed record ReindexSummary(string Generation, int Papers, long Vectors, int Embedded, TimeSpan Elapsed);

/// <summary>
/// Rebuilds every index from storage into a new generation and promotes it only when complete: a rebuild
/// killed halfway leaves the previous generation serving. With embeddings on it first embeds what the database's
/// queue holds (as any node may; the model runs only for texts no stored, shipped or cached vector fits), then reads
/// every stored vector into the new vector index.
/// </summary>
public sealed class Reindexer(SearchIndexes indexes, CatalogChanges changes, IndexUpdater updater, EmbeddingJobs jobs, IOptions<SearchOptions> options, TimeProvider time)
{
    public async Task<ReindexSummary> RunAsync(IProgress<ReindexProgress>? progress, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var total = await changes.CountAfterAsync(0, cancellationToken);
        var previous = indexes.ServingGeneration;
        string name;
        int papers = 0, embedded = 0;
        long vectors = 0;
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
                embedded = await EmbedQueuedAsync(progress, cancellationToken);

                var stored = await updater.VectorsAfterAsync(generation, cancellationToken);
                var read = 0;
                progress?.Report(new(ReindexPhase.Vectors, 0, stored, embedded));
                for (int count; (count = await updater.UpdateVectorsAsync(generation, cancellationToken)) > 0;)
                {
                    read += count;
                    progress?.Report(new(ReindexPhase.Vectors, read, Math.Max(read, stored), embedded));
                }

                generation.SaveVectors();
                vectors = generation.Vectors?.Count ?? 0;
            }
        }

        indexes.Promote(name);
        indexes.DeleteStaleGenerations(keep: previous is null ? [name] : [name, previous]);
        return new ReindexSummary(name, papers, vectors, embedded, time.GetElapsedTime(started));
    }

    /// <summary>Embeds the queue until nothing is left to claim (papers other nodes hold are theirs); returns model runs.</summary>
    private async Task<int> EmbedQueuedAsync(IProgress<ReindexProgress>? progress, CancellationToken cancellationToken)
    {
        var queued = await jobs.PendingAsync(cancellationToken);
        var done = EmbeddingBatch.None;
        progress?.Report(new(ReindexPhase.Embeddings, 0, queued, 0));
        while (true)
        {
            var batch = await jobs.RunBatchAsync(Math.Max(1, options.Value.EmbeddingClaimSize), cancellationToken);
            if (batch.Claimed == 0)
            {
                break;
            }

            done += batch;
            progress?.Report(new(ReindexPhase.Embeddings, done.Claimed, Math.Max(done.Claimed, queued), done.Embedded));
        }

        return done.Embedded;
    }
}
