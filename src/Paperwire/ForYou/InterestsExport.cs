using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Core.Readers;
using Paperwire.Storage;

namespace Paperwire.ForYou;

/// <summary>A paper behind a positive signal; <c>remove</c> is the request that takes the signal back.</summary>
public sealed record PaperSignal(string PaperId, string Title, DateTimeOffset At, string? Remove);

/// <summary>An explicit signal (a not-interested mark, a picked paper or a follow), removable by <c>DELETE /api/account/interests/{id}</c>.</summary>
public sealed record ExplicitSignal(long Id, string Kind, string Target, string? Title, DateTimeOffset At);

/// <summary>Everything a reader's personal ranking is derived from: the download of <c>GET /api/account/interests</c>.</summary>
public sealed record InterestsExport(
    long Version,
    IReadOnlyList<PaperSignal> Upvoted,
    IReadOnlyList<PaperSignal> Collected,
    IReadOnlyList<PaperSignal> Authored,
    IReadOnlyList<ExplicitSignal> Picked,
    IReadOnlyList<ExplicitSignal> NotInterested,
    IReadOnlyList<ExplicitSignal> Follows);

/// <summary>Reads a reader's every signal, oldest first, with paper titles, for the download and the interests page.</summary>
public sealed class InterestsExporter(PaperwireDbContext db)
{
    public async Task<InterestsExport> ReadAsync(string userId, CancellationToken cancellationToken)
    {
        var version = await db.ReaderProfiles.Where(p => p.UserId == userId).Select(p => p.SignalsVersion).FirstOrDefaultAsync(cancellationToken);
        var upvoted = await db.Votes.Where(v => v.UserId == userId).OrderBy(v => v.CreatedAt)
            .Join(db.Papers, v => v.PaperId, p => p.Id, (v, p) => new { p.Id, p.Title, v.CreatedAt }).ToListAsync(cancellationToken);
        var collected = await db.CollectionItems
            .Join(db.Collections.Where(c => c.OwnerId == userId), i => i.CollectionId, c => c.Id, (i, c) => new { i.PaperId, CollectionId = c.Id, i.AddedAt })
            .Join(db.Papers, i => i.PaperId, p => p.Id, (i, p) => new { p.Id, p.Title, i.CollectionId, i.AddedAt })
            .OrderBy(i => i.AddedAt).ToListAsync(cancellationToken);
        var authored = await db.AuthorshipClaims.Where(c => c.UserId == userId && c.Status == ClaimStatus.Verified).OrderBy(c => c.CreatedAt)
            .Join(db.Papers, c => c.PaperId, p => p.Id, (c, p) => new { p.Id, p.Title, c.CreatedAt }).ToListAsync(cancellationToken);
        var signals = await db.ReaderSignals.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        var paperIds = signals.Where(s => s.Kind is ReaderSignalKind.NotInterested or ReaderSignalKind.PickedPaper).Select(s => s.Target).ToList();
        var titles = await db.Papers.Where(p => paperIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, StringComparer.Ordinal, cancellationToken);

        return new InterestsExport(
            version,
            [.. upvoted.Select(u => new PaperSignal(u.Id, u.Title, u.CreatedAt, $"DELETE /api/papers/{u.Id}/upvote"))],
            [.. collected.Select(c => new PaperSignal(c.Id, c.Title, c.AddedAt, $"DELETE /api/collections/{c.CollectionId}/items/{c.Id}"))],
            // A verified authorship is an admin's decision about the byline, not a preference: it is listed, not removable here.
            [.. authored.Select(a => new PaperSignal(a.Id, a.Title, a.CreatedAt, null))],
            [.. PaperSignals(signals, ReaderSignalKind.PickedPaper, titles)],
            [.. PaperSignals(signals, ReaderSignalKind.NotInterested, titles)],
            [.. signals.Where(s => FollowRules.FollowKinds.Contains(s.Kind))
                .Select(s => new ExplicitSignal(s.Id, FollowRules.KindName(s.Kind), s.Target, null, s.CreatedAt))]);
    }

    private static IEnumerable<ExplicitSignal> PaperSignals(IEnumerable<ReaderSignal> signals, ReaderSignalKind kind, Dictionary<string, string> titles) =>
        signals.Where(s => s.Kind == kind).Select(s => new ExplicitSignal(s.Id, FollowRules.KindName(s.Kind), s.Target, titles.GetValueOrDefault(s.Target), s.CreatedAt));
}
