using Microsoft.EntityFrameworkCore;

namespace Paperwire.Storage.Coordination;

/// <summary>
/// Hands out numbers of the paper change sequence. Call inside the transaction that writes the papers:
/// the counter row stays locked until commit, so numbers become visible in the order they were handed out
/// and a reader that follows the sequence never skips a change.
/// </summary>
public sealed class ChangeSequence(PaperwireDbContext db)
{
    private const string Reserve = """
        UPDATE counters SET "Value" = "Value" + {0} WHERE "Name" = {1} RETURNING "Value"
        """;

    /// <summary>Reserves <paramref name="count"/> numbers and returns the first.</summary>
    public async Task<long> ReserveAsync(int count, CancellationToken cancellationToken)
    {
        var last = (await db.Database.SqlQueryRaw<long>(Reserve, count, Counter.PaperChanges).ToListAsync(cancellationToken)).Single();
        return last - count + 1;
    }

    /// <summary>The highest number handed out so far.</summary>
    public Task<long> CurrentAsync(CancellationToken cancellationToken) =>
        db.Counters.Where(c => c.Name == Counter.PaperChanges).Select(c => c.Value).SingleAsync(cancellationToken);
}
