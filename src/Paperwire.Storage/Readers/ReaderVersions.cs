using Microsoft.EntityFrameworkCore;

namespace Paperwire.Storage.Readers;

/// <summary>
/// The reader's signals version: every write that changes what a reader's model is trained on (an upvote, a
/// collection item, a verified authorship, a not-interested mark, a follow) calls <see cref="BumpAsync"/> inside
/// its own transaction, so a model cached for the old version is never served for the new signals.
/// </summary>
public sealed class ReaderVersions(PaperwireDbContext db)
{
    // One statement on both providers; it also locks the reader's row until commit (PostgreSQL; SQLite holds the
    // write lock from BEGIN), so one reader's signal writes queue behind each other.
    private const string Bump = """
        INSERT INTO reader_profiles ("UserId", "SignalsVersion", "ShowFollowsOnProfile") VALUES ({0}, 1, {1})
        ON CONFLICT ("UserId") DO UPDATE SET "SignalsVersion" = reader_profiles."SignalsVersion" + 1
        RETURNING "SignalsVersion" AS "Value"
        """;

    /// <summary>Moves the reader's version on; returns the new one. Call inside the transaction of the change.</summary>
    public async Task<long> BumpAsync(string userId, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<long>(Bump, userId, false).ToListAsync(cancellationToken)).Single();

    /// <summary>The reader's current version (0 before any signal).</summary>
    public Task<long> CurrentAsync(string userId, CancellationToken cancellationToken) =>
        db.ReaderProfiles.Where(p => p.UserId == userId).Select(p => p.SignalsVersion).FirstOrDefaultAsync(cancellationToken);
}
