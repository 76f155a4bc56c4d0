using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Readers;
using Paperwire.Storage;

namespace Paperwire.ForYou;

/// <summary>A reader's follows as their public profile lists them, oldest first within each kind.</summary>
public sealed record PublicFollows(IReadOnlyList<string> Categories, IReadOnlyList<string> Organizations, IReadOnlyList<string> Authors);

/// <summary>
/// The reader's choices about their own data that are not signals: whether the profile lists their follows. These
/// writes leave the signals version alone (the model does not change), and create the profile row when the reader
/// has none yet, at version 0 ("no signal"), which the first signal write then moves on.
/// </summary>
public sealed class ReaderProfiles(PaperwireDbContext db)
{
    private const string SetShowFollows = """
        INSERT INTO reader_profiles ("UserId", "SignalsVersion", "ShowFollowsOnProfile") VALUES ({0}, 0, {1})
        ON CONFLICT ("UserId") DO UPDATE SET "ShowFollowsOnProfile" = excluded."ShowFollowsOnProfile"
        """;

    public Task<bool> ShowsFollowsAsync(string userId, CancellationToken cancellationToken) =>
        db.ReaderProfiles.Where(p => p.UserId == userId).Select(p => p.ShowFollowsOnProfile).FirstOrDefaultAsync(cancellationToken);

    public async Task SetShowFollowsAsync(string userId, bool show, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(SetShowFollows, [userId, show], cancellationToken);

    /// <summary>What <c>/u/{name}</c> may show of the reader's follows: null unless they chose to show them.</summary>
    public async Task<PublicFollows?> PublicFollowsAsync(string userId, CancellationToken cancellationToken)
    {
        if (!await ShowsFollowsAsync(userId, cancellationToken))
        {
            return null;
        }

        var follows = await db.ReaderSignals.AsNoTracking()
            .Where(s => s.UserId == userId && s.Kind != ReaderSignalKind.NotInterested)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .Select(s => new { s.Kind, s.Target })
            .ToListAsync(cancellationToken);
        List<string> Of(ReaderSignalKind kind) => [.. follows.Where(f => f.Kind == kind).Select(f => f.Target)];
        return new PublicFollows(Of(ReaderSignalKind.FollowCategory), Of(ReaderSignalKind.FollowOrganization), Of(ReaderSignalKind.FollowAuthor));
    }
}
