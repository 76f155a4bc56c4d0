using Microsoft.EntityFrameworkCore;

namespace Paperwire.Storage.Coordination;

/// <summary>
/// Hands out numbers of the paper change sequence. Call inside the transaction that writes the papers:
/// the counter row stays locked until commit, so numbers become visible in the order they were handed out
/// and a reader that follows the sequence never skips a change.
/// </summary>
public sealed class ChangeSequence(PaperwireDbContext db)
{
    // FOR NO KEY UPDATE: what an UPDATE of these rows takes anyway, so it adds no new kind of conflict.
    private const string LockPapers = """
        SELECT "Id" FROM papers WHERE "Id" = ANY({0}) ORDER BY "Id" COLLATE "C" FOR NO KEY UPDATE
        """;

    private const string Reserve = """
        UPDATE counters SET "Value" = "Value" + {0} WHERE "Name" = {1} RETURNING "Value"
        """;

    /// <summary>
    /// Locks the papers' rows, in id order, before the counter: the one lock order of every write that changes papers
    /// and takes a number (a vote updates its paper's count before it touches it, a public collection touches many
    /// papers), so two such writes on PostgreSQL never wait on each other in a circle. SQLite has one write lock.
    /// </summary>
    public async Task LockPapersAsync(IReadOnlyCollection<string> paperIds, CancellationToken cancellationToken)
    {
        if (paperIds.Count == 0 || db.Database.IsSqlite())
        {
            return;
        }

        string[] ids = [.. paperIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        await db.Database.ExecuteSqlRawAsync(LockPapers, [ids], cancellationToken);
    }

    /// <summary>Reserves <paramref name="count"/> numbers and returns the first.</summary>
    public async Task<long> ReserveAsync(int count, CancellationToken cancellationToken)
    {
        var last = (await db.Database.SqlQueryRaw<long>(Reserve, count, Counter.PaperChanges).ToListAsync(cancellationToken)).Single();
        return last - count + 1;
    }

    /// <summary>
    /// Marks papers as changed (votes, comments, submissions): each gets the next number, so cached pages are
    /// evicted and the search indexes pick them up. Call inside the transaction of the change.
    /// </summary>
    public async Task TouchPapersAsync(IReadOnlyCollection<string> paperIds, CancellationToken cancellationToken)
    {
        if (paperIds.Count == 0)
        {
            return;
        }

        await LockPapersAsync(paperIds, cancellationToken);
        var next = await ReserveAsync(paperIds.Count, cancellationToken);
        foreach (var id in paperIds.Order(StringComparer.Ordinal))
        {
            var number = next++;
            await db.Papers.Where(p => p.Id == id).ExecuteUpdateAsync(p => p.SetProperty(x => x.ChangeSequence, number), cancellationToken);
        }
    }

    /// <summary>The highest number handed out so far.</summary>
    public Task<long> CurrentAsync(CancellationToken cancellationToken) =>
        db.Counters.Where(c => c.Name == Counter.PaperChanges).Select(c => c.Value).SingleAsync(cancellationToken);
}
