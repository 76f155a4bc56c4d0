using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Paperwire.Storage.Coordination;

namespace Paperwire.Storage.Embeddings;

/// <summary>A vector ready to store: <see cref="Vector"/> null for a tombstone (the paper is withdrawn or gone).</summary>
public sealed record StoredVector(string PaperId, long TextHash, byte[]? Vector);

/// <summary>
/// The embedding work of a cluster, as rows: papers wait in <c>embedding_queue</c>, a node claims a batch, embeds it
/// outside any transaction, then in one transaction deletes the queue rows it still holds and writes exactly those
/// papers' vectors. A claim is a token of its own per batch, so a node whose claim expired and was taken over (or
/// whose paper changed meanwhile) finds nothing left to delete and writes nothing: no paper is stored twice.
/// </summary>
public sealed class EmbeddingWork(PaperwireDbContext db, TimeProvider clock)
{
    private const string EnqueueMissingSql = """
        INSERT INTO embedding_queue ("PaperId")
        SELECT p."Id" FROM papers AS p
        WHERE NOT EXISTS (SELECT 1 FROM paper_embeddings AS e WHERE e."PaperId" = p."Id" AND e."Model" = {0})
        ON CONFLICT ("PaperId") DO NOTHING
        """;

    private const string Reserve = """
        UPDATE counters SET "Value" = "Value" + {0} WHERE "Name" = {1} RETURNING "Value"
        """;

    private const int EnqueueChunk = 500;

    private readonly ClaimQueue queue = new(db, clock, "embedding_queue");

    /// <summary>
    /// Queues papers whose text or withdrawn mark changed. Call inside the transaction that writes the papers, after
    /// they are saved. A paper already queued is queued afresh: a claim on it is dropped, so the node working on the old
    /// text writes nothing and the new text is embedded.
    /// </summary>
    public async Task EnqueueAsync(IReadOnlyCollection<string> paperIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in paperIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Chunk(EnqueueChunk))
        {
            var sql = new StringBuilder("""INSERT INTO embedding_queue ("PaperId") VALUES """);
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({{{i}}})");
            }

            sql.Append(""" ON CONFLICT ("PaperId") DO UPDATE SET "ClaimedBy" = NULL, "ClaimedUntil" = NULL""");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), chunk, cancellationToken);
        }
    }

    /// <summary>Queues every paper that has no vector (nor tombstone) under <paramref name="model"/>; returns how many.</summary>
    public Task<int> EnqueueMissingAsync(string model, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(EnqueueMissingSql, [model], cancellationToken);

    /// <summary>Claims up to <paramref name="count"/> unclaimed (or expired) papers for <paramref name="claim"/> until now + <paramref name="duration"/>.</summary>
    public Task<IReadOnlyList<string>> ClaimAsync(string claim, int count, TimeSpan duration, CancellationToken cancellationToken) =>
        queue.ClaimAsync(claim, count, duration, cancellationToken);

    /// <summary>Gives a claim back unfinished (a node shutting down), so others need not wait for it to expire.</summary>
    public Task ReleaseAsync(string claim, CancellationToken cancellationToken) => queue.ReleaseAsync(claim, cancellationToken);

    /// <summary>Papers waiting for a vector, claimed or not.</summary>
    public Task<int> PendingAsync(CancellationToken cancellationToken) => db.EmbeddingQueue.CountAsync(cancellationToken);

    /// <summary>True when no paper waits for a vector.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken) => !await db.EmbeddingQueue.AnyAsync(cancellationToken);

    /// <summary>
    /// Finishes a claim in one transaction: deletes the queue rows <paramref name="claim"/> still holds and stores the
    /// vectors of exactly those papers (others are dropped: their claim was lost), each with a new sequence number.
    /// Returns the papers that were still held.
    /// </summary>
    public async Task<IReadOnlySet<string>> CompleteAsync(string claim, string model, IReadOnlyList<StoredVector> vectors, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var held = await queue.TakeHeldAsync(claim, cancellationToken);
            var writes = vectors.Where(v => held.Contains(v.PaperId)).OrderBy(v => v.PaperId, StringComparer.Ordinal).ToList();
            if (writes.Count > 0)
            {
                var ids = writes.Select(v => v.PaperId).ToList();
                var stored = await db.PaperEmbeddings.Where(e => e.Model == model && ids.Contains(e.PaperId)).ToDictionaryAsync(e => e.PaperId, cancellationToken);
                var next = (await db.Database.SqlQueryRaw<long>(Reserve, writes.Count, Counter.PaperEmbeddings).ToListAsync(cancellationToken)).Single() - writes.Count + 1;
                foreach (var write in writes)
                {
                    if (!stored.TryGetValue(write.PaperId, out var row))
                    {
                        row = new PaperEmbedding { PaperId = write.PaperId, Model = model };
                        db.PaperEmbeddings.Add(row);
                    }

                    row.TextHash = write.TextHash;
                    row.Vector = write.Vector;
                    row.Sequence = next++;
                }

                await db.SaveChangesAsync(cancellationToken);

                // A new vector is a new text: its key sentence and keywords follow (Glance.GlanceWork).
                await Glance.GlanceWork.EnqueueAsync(db, [.. writes.Select(w => w.PaperId)], cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (IReadOnlySet<string>)held;
        });
    }

    /// <summary>The highest embedding sequence number handed out so far.</summary>
    public Task<long> LatestSequenceAsync(CancellationToken cancellationToken) =>
        db.Counters.Where(c => c.Name == Counter.PaperEmbeddings).Select(c => c.Value).SingleAsync(cancellationToken);
}
