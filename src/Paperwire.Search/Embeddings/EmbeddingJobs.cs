using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Paperwire.Search.Indexing;
using Paperwire.Storage;
using Paperwire.Storage.Embeddings;

namespace Paperwire.Search.Embeddings;

/// <summary>Papers a node has claimed from the embedding queue under one token.</summary>
public sealed record EmbeddingClaim(string Token, IReadOnlyList<string> PaperIds);

/// <summary>
/// What one batch did: papers claimed, vectors stored (new or changed), run through the model, withdrawn (tombstones),
/// unchanged (the stored vector already fits the text), lost (the claim expired and another node took the paper).
/// </summary>
public sealed record EmbeddingBatch(int Claimed, int Stored, int Embedded, int Withdrawn, int Unchanged, int Lost)
{
    public static readonly EmbeddingBatch None = new(0, 0, 0, 0, 0, 0);

    public static EmbeddingBatch operator +(EmbeddingBatch a, EmbeddingBatch b) => new(
        a.Claimed + b.Claimed, a.Stored + b.Stored, a.Embedded + b.Embedded, a.Withdrawn + b.Withdrawn, a.Unchanged + b.Unchanged, a.Lost + b.Lost);
}

/// <summary>
/// The embedding work of a node, shared by the background <see cref="EmbeddingWorker"/>, <c>paperwire embed</c> and
/// <c>paperwire reindex</c>: claim a batch of queued papers, find each one's vector (the stored one when the text is
/// unchanged, the shipped or locally cached one, else the model), then store them all in one transaction that also
/// takes the papers off the queue.
/// </summary>
public sealed class EmbeddingJobs(EmbeddingWork work, PaperwireDbContext db, SearchIndexes indexes, IOptions<SearchOptions> options)
{
    private string Model => indexes.ModelName;

    /// <summary>Claims up to <paramref name="count"/> papers under a new token.</summary>
    public async Task<EmbeddingClaim> ClaimAsync(int count, CancellationToken cancellationToken)
    {
        var token = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        var ids = await work.ClaimAsync(token, count, options.Value.EmbeddingClaimDuration, cancellationToken);
        return new EmbeddingClaim(token, ids);
    }

    /// <summary>Claims and completes one batch; <see cref="EmbeddingBatch.Claimed"/> is 0 when nothing is left to claim.</summary>
    public async Task<EmbeddingBatch> RunBatchAsync(int count, CancellationToken cancellationToken)
    {
        var claim = await ClaimAsync(count, cancellationToken);
        if (claim.PaperIds.Count == 0)
        {
            return EmbeddingBatch.None;
        }

        try
        {
            return await CompleteAsync(claim, cancellationToken);
        }
        catch (Exception)
        {
            // Shutting down or failing: hand the papers back now instead of making the other nodes wait for the
            // claim to expire. Should that fail too (the database is gone), expiry hands them back later.
            await TryReleaseAsync(claim);
            throw;
        }
    }

    private async Task TryReleaseAsync(EmbeddingClaim claim)
    {
        try
        {
            await work.ReleaseAsync(claim.Token, CancellationToken.None);
        }
        catch (System.Data.Common.DbException)
        {
        }
    }

    /// <summary>Finds the claimed papers' vectors and stores those the claim still holds.</summary>
    public async Task<EmbeddingBatch> CompleteAsync(EmbeddingClaim claim, CancellationToken cancellationToken)
    {
        var ids = claim.PaperIds;
        var papers = await db.Papers.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Title, p.Summary, p.Withdrawn })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var stored = await db.PaperEmbeddings.AsNoTracking()
            .Where(e => e.Model == Model && ids.Contains(e.PaperId))
            .Select(e => new { e.PaperId, e.TextHash, HasVector = e.Vector != null })
            .ToDictionaryAsync(e => e.PaperId, cancellationToken);

        var store = indexes.Embeddings;
        var writes = new List<StoredVector>();
        var toEmbed = new List<(string PaperId, long Hash, string Text)>();
        int withdrawn = 0, unchanged = 0;
        foreach (var id in ids)
        {
            stored.TryGetValue(id, out var current);
            if (!papers.TryGetValue(id, out var paper) || paper.Withdrawn)
            {
                // A tombstone tells every node's index to drop the paper; one already there needs no new number.
                if (current is { HasVector: false })
                {
                    unchanged++;
                }
                else
                {
                    writes.Add(new StoredVector(id, 0, null));
                    withdrawn++;
                }

                continue;
            }

            var text = IndexedPaper.TextOf(paper.Title, paper.Summary);
            var hash = store.Hash(text);
            if (current is { HasVector: true } && current.TextHash == (long)hash)
            {
                unchanged++;
            }
            else if (store.TryGetKnown(hash, out var known))
            {
                writes.Add(new StoredVector(id, (long)hash, HalfVectors.Encode(known)));
            }
            else
            {
                toEmbed.Add((id, (long)hash, text));
            }
        }

        if (toEmbed.Count > 0)
        {
            // The model is CPU-bound; keep it off the request threads' async continuations.
            var vectors = await Task.Run(() => store.GetOrEmbed([.. toEmbed.Select(e => e.Text)], out _, cancellationToken), cancellationToken);
            writes.AddRange(toEmbed.Select((e, i) => new StoredVector(e.PaperId, e.Hash, HalfVectors.Encode(vectors[i]))));
        }

        var held = await work.CompleteAsync(claim.Token, Model, writes, cancellationToken);
        var lost = ids.Count(id => !held.Contains(id));
        var storedCount = writes.Count(w => held.Contains(w.PaperId));
        return new EmbeddingBatch(ids.Count, storedCount, toEmbed.Count, withdrawn, unchanged, lost);
    }

    /// <summary>Queues every paper without a stored vector for this node's model (after a model change, or a backfill).</summary>
    public Task<int> EnqueueMissingAsync(CancellationToken cancellationToken) => work.EnqueueMissingAsync(Model, cancellationToken);

    /// <summary>Papers waiting for a vector.</summary>
    public Task<int> PendingAsync(CancellationToken cancellationToken) => work.PendingAsync(cancellationToken);
}
