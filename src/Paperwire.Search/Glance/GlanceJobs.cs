using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Paperwire.Core.Papers;
using Paperwire.Search.Embeddings;
using Paperwire.Search.Indexing;
using Paperwire.Storage;
using Paperwire.Storage.Glance;

namespace Paperwire.Search.Glance;

/// <summary>
/// What one batch did: papers claimed, glances computed (run through the model), unchanged (the stored glance fits
/// the text and version), dropped (withdrawn, gone, or no vector), waiting (the paper's text is newer than its vector:
/// it is queued again when the new vector is stored), lost (another node took the claim over).
/// </summary>
public sealed record GlanceBatch(int Claimed, int Computed, int Unchanged, int Dropped, int Waiting, int Lost)
{
    public static readonly GlanceBatch None = new(0, 0, 0, 0, 0, 0);
}

/// <summary>
/// The key-sentence work of a node, for <see cref="GlanceWorker"/> and <c>paperwire glance</c>: claim a batch of queued
/// papers, embed the sentences and candidate phrases of all of them in one call (sorted by length, so batches pad
/// little), choose with each paper's stored vector, and store them in one transaction that takes them off the queue.
/// </summary>
public sealed class GlanceJobs(GlanceWork work, PaperwireDbContext db, SearchIndexes indexes, IOptions<SearchOptions> options)
{
    /// <summary>The version stored glances are made with here: the extraction's and the model's.</summary>
    public string Version => $"{GlanceExtractor.Algorithm}/{indexes.ModelName}";

    public async Task<EmbeddingClaim> ClaimAsync(int count, CancellationToken cancellationToken)
    {
        var token = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        var ids = await work.ClaimAsync(token, count, options.Value.EmbeddingClaimDuration, cancellationToken);
        return new EmbeddingClaim(token, ids);
    }

    /// <summary>Claims and completes one batch; <see cref="GlanceBatch.Claimed"/> is 0 when nothing is left to claim.</summary>
    public async Task<GlanceBatch> RunBatchAsync(int count, CancellationToken cancellationToken)
    {
        var claim = await ClaimAsync(count, cancellationToken);
        if (claim.PaperIds.Count == 0)
        {
            return GlanceBatch.None;
        }

        try
        {
            return await CompleteAsync(claim, cancellationToken);
        }
        catch (Exception)
        {
            // Hand the papers back now rather than after the claim expires; if that fails too, expiry does it.
            try
            {
                await work.ReleaseAsync(claim.Token, CancellationToken.None);
            }
            catch (System.Data.Common.DbException)
            {
            }

            throw;
        }
    }

    public async Task<GlanceBatch> CompleteAsync(EmbeddingClaim claim, CancellationToken cancellationToken)
    {
        var ids = claim.PaperIds;
        var model = indexes.ModelName;
        var papers = await db.Papers.AsNoTracking().IgnoreAutoIncludes()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Title, p.Summary, p.Withdrawn })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var vectors = await db.PaperEmbeddings.AsNoTracking()
            .Where(e => e.Model == model && ids.Contains(e.PaperId))
            .Select(e => new { e.PaperId, e.TextHash, e.Vector })
            .ToDictionaryAsync(e => e.PaperId, cancellationToken);
        var glances = await db.PaperGlances.AsNoTracking()
            .Where(g => ids.Contains(g.PaperId))
            .Select(g => new { g.PaperId, g.Version, g.TextHash })
            .ToDictionaryAsync(g => g.PaperId, cancellationToken);

        var writes = new List<StoredGlance>();
        var toCompute = new List<(string PaperId, long Hash, float[] Vector, GlanceTexts Texts)>();
        int unchanged = 0, dropped = 0, waiting = 0;
        foreach (var id in ids)
        {
            glances.TryGetValue(id, out var glance);
            if (!papers.TryGetValue(id, out var paper) || paper.Withdrawn || !vectors.TryGetValue(id, out var vector) || vector.Vector is null)
            {
                if (glance is not null)
                {
                    writes.Add(new StoredGlance(id, null));
                    dropped++;
                }

                continue;
            }

            if ((long)indexes.Embeddings.Hash(IndexedPaper.TextOf(paper.Title, paper.Summary)) != vector.TextHash)
            {
                waiting++;
            }
            else if (glance is not null && glance.Version == Version && glance.TextHash == vector.TextHash)
            {
                unchanged++;
            }
            else
            {
                toCompute.Add((id, vector.TextHash, HalfVectors.Decode(vector.Vector), GlanceExtractor.Prepare(paper.Summary)));
            }
        }

        if (toCompute.Count > 0)
        {
            string[] texts = [.. toCompute.SelectMany(c => c.Texts.All)];
            var embedder = indexes.Embeddings.Embedder;
            // The model is CPU-bound; keep it off the request threads' async continuations.
            var embedded = texts.Length == 0 ? [] : await Task.Run(() => embedder.EmbedDocuments(texts, cancellationToken), cancellationToken);
            var offset = 0;
            var version = Version;
            foreach (var (paperId, hash, vector, paperTexts) in toCompute)
            {
                var result = GlanceExtractor.Choose(paperTexts, vector, new ArraySegment<float[]>(embedded, offset, paperTexts.Count));
                offset += paperTexts.Count;
                writes.Add(new StoredGlance(paperId, new PaperGlance
                {
                    PaperId = paperId,
                    Version = version,
                    TextHash = hash,
                    KeySentence = result.KeySentence,
                    Keywords = [.. result.Keywords],
                }));
            }
        }

        var held = await work.CompleteAsync(claim.Token, writes, cancellationToken);
        var lost = ids.Count(id => !held.Contains(id));
        return new GlanceBatch(ids.Count, toCompute.Count(c => held.Contains(c.PaperId)), unchanged, dropped, waiting, lost);
    }

    /// <summary>Queues every paper whose glance is missing or does not fit its vector and this version.</summary>
    public Task<int> EnqueueMissingAsync(CancellationToken cancellationToken) => work.EnqueueMissingAsync(indexes.ModelName, Version, cancellationToken);
}
