using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Papers;
using Paperwire.Storage.Coordination;

namespace Paperwire.Storage.Glance;

/// <summary>A glance ready to store for a paper, or null to drop the paper's glance (withdrawn, gone, no vector).</summary>
public sealed record StoredGlance(string PaperId, PaperGlance? Glance);

/// <summary>
/// The key-sentence work of a cluster, as rows, the way <see cref="Embeddings.EmbeddingWork"/> shares embedding: a
/// paper joins <c>glance_queue</c> when its vector is stored, a node claims a batch under a token of its own, computes
/// outside any transaction, then deletes the rows it still holds and writes exactly those papers' glances. A paper
/// whose vector changed meanwhile was queued afresh (its claim dropped), so a stale glance is never written.
/// </summary>
public sealed class GlanceWork(PaperwireDbContext db, TimeProvider clock)
{
    // Papers with a vector under the model whose glance is missing, of another version, or of another text.
    private const string EnqueueMissingSql = """
        INSERT INTO glance_queue ("PaperId")
        SELECT e."PaperId" FROM paper_embeddings AS e
        WHERE e."Model" = {0} AND e."Vector" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM paper_glances AS g
                          WHERE g."PaperId" = e."PaperId" AND g."Version" = {1} AND g."TextHash" = e."TextHash")
        ON CONFLICT ("PaperId") DO NOTHING
        """;

    private const string Bump = """
        UPDATE counters SET "Value" = "Value" + 1 WHERE "Name" = {0}
        """;

    private const int EnqueueChunk = 500;

    private readonly ClaimQueue queue = new(db, clock, "glance_queue");

    /// <summary>
    /// Queues papers whose vector was just stored (or dropped), inside that transaction. A paper already queued is
    /// queued afresh: a claim on it is dropped, so the node working from the old vector writes nothing.
    /// </summary>
    public static async Task EnqueueAsync(PaperwireDbContext db, IReadOnlyCollection<string> paperIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in paperIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Chunk(EnqueueChunk))
        {
            // From papers, so a paper deleted meanwhile (a tombstone's reason) is not queued against the foreign key.
            var sql = new StringBuilder("""INSERT INTO glance_queue ("PaperId") SELECT "Id" FROM papers WHERE "Id" IN (""");
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"{{{i}}}");
            }

            sql.Append(""") ON CONFLICT ("PaperId") DO UPDATE SET "ClaimedBy" = NULL, "ClaimedUntil" = NULL""");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), chunk, cancellationToken);
        }
    }

    /// <summary>Queues every paper whose glance does not fit its stored vector under <paramref name="model"/> and <paramref name="version"/>.</summary>
    public Task<int> EnqueueMissingAsync(string model, string version, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(EnqueueMissingSql, [model, version], cancellationToken);

    public Task<IReadOnlyList<string>> ClaimAsync(string claim, int count, TimeSpan duration, CancellationToken cancellationToken) =>
        queue.ClaimAsync(claim, count, duration, cancellationToken);

    public Task ReleaseAsync(string claim, CancellationToken cancellationToken) => queue.ReleaseAsync(claim, cancellationToken);

    /// <summary>True when no paper waits for its glance.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken) => !await db.GlanceQueue.AnyAsync(cancellationToken);

    /// <summary>
    /// Finishes a claim in one transaction: deletes the queue rows <paramref name="claim"/> still holds and writes (or
    /// drops) the glances of exactly those papers. Returns the papers that were still held.
    /// </summary>
    public async Task<IReadOnlySet<string>> CompleteAsync(string claim, IReadOnlyList<StoredGlance> glances, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var held = await queue.TakeHeldAsync(claim, cancellationToken);
            var writes = glances.Where(g => held.Contains(g.PaperId)).ToList();
            if (writes.Count > 0)
            {
                var ids = writes.Select(g => g.PaperId).ToList();
                var stored = await db.PaperGlances.Where(g => ids.Contains(g.PaperId)).ToDictionaryAsync(g => g.PaperId, cancellationToken);
                foreach (var write in writes)
                {
                    stored.TryGetValue(write.PaperId, out var row);
                    if (write.Glance is null)
                    {
                        if (row is not null)
                        {
                            db.PaperGlances.Remove(row);
                        }
                    }
                    else if (row is null)
                    {
                        db.PaperGlances.Add(write.Glance);
                    }
                    else
                    {
                        row.Version = write.Glance.Version;
                        row.TextHash = write.Glance.TextHash;
                        row.KeySentence = write.Glance.KeySentence;
                        row.Keywords = [.. write.Glance.Keywords];
                    }
                }

                await db.SaveChangesAsync(cancellationToken);
                // Cached pages show glances: every node evicts them when this counter moves.
                await db.Database.ExecuteSqlRawAsync(Bump, [Counter.PaperGlances], cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return (IReadOnlySet<string>)held;
        });
    }

    /// <summary>How many times glances were written: part of what cached pages are keyed by.</summary>
    public Task<long> WritesAsync(CancellationToken cancellationToken) =>
        db.Counters.Where(c => c.Name == Counter.PaperGlances).Select(c => c.Value).SingleAsync(cancellationToken);
}
