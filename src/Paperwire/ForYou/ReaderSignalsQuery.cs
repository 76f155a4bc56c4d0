using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Core.Readers;
using Paperwire.Ingest.Arxiv;
using Paperwire.Recommend.Signals;
using Paperwire.Storage;

namespace Paperwire.ForYou;

/// <summary>
/// Reads a reader's <see cref="ReaderSignals"/> from the rows they already are: upvotes, collection items, verified
/// authorships, and the explicit signals (not-interested marks, picked papers, follows). Nothing is copied: the model is derived and can be rebuilt from these.
/// </summary>
public sealed class ReaderSignalsQuery(PaperwireDbContext db)
{
    /// <summary>The latest this-many of each positive kind and of not-interested marks train the model (a bound on its cost).</summary>
    public const int MaxSignalsPerKind = 500;

    public async Task<ReaderSignals> ReadAsync(string userId, CancellationToken cancellationToken) =>
        (await ReadManyAsync([userId], cancellationToken))[userId];

    /// <summary>
    /// The signals of many readers in one query per kind rather than per reader (the digest reads a batch of
    /// subscribers at once); every reader asked for is in the answer, one without signals as an empty one.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ReaderSignals>> ReadManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();

        // Read first: signals written after it carry a newer version, so a model trained here is retrained for them.
        var versions = await db.ReaderProfiles.Where(p => ids.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, p => p.SignalsVersion, StringComparer.Ordinal, cancellationToken);

        // The latest MaxSignalsPerKind of each kind per reader: one query per kind (ROW_NUMBER per reader, over these readers' rows only).
        var upvoted = Flatten(await db.Votes.Where(v => ids.Contains(v.UserId)).GroupBy(v => v.UserId)
            .Select(g => g.OrderByDescending(v => v.CreatedAt).Take(MaxSignalsPerKind).Select(v => new PositiveRow(v.UserId, v.PaperId, v.CreatedAt, SignalKind.Upvote)).ToList())
            .ToListAsync(cancellationToken));
        var collected = Flatten(await db.CollectionItems.Join(db.Collections, i => i.CollectionId, c => c.Id, (i, c) => new { c.OwnerId, i.PaperId, i.AddedAt })
            .Where(i => ids.Contains(i.OwnerId)).GroupBy(i => i.OwnerId)
            .Select(g => g.OrderByDescending(i => i.AddedAt).Take(MaxSignalsPerKind).Select(i => new PositiveRow(i.OwnerId, i.PaperId, i.AddedAt, SignalKind.Collected)).ToList())
            .ToListAsync(cancellationToken));
        var authored = Flatten(await db.AuthorshipClaims.Where(c => ids.Contains(c.UserId) && c.Status == ClaimStatus.Verified).GroupBy(c => c.UserId)
            .Select(g => g.OrderByDescending(c => c.CreatedAt).Take(MaxSignalsPerKind).Select(c => new PositiveRow(c.UserId, c.PaperId, c.CreatedAt, SignalKind.Authored)).ToList())
            .ToListAsync(cancellationToken));
        var explicitSignals = Flatten(await db.ReaderSignals.AsNoTracking().Where(s => ids.Contains(s.UserId)).GroupBy(s => s.UserId)
            .Select(g => g.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take((2 * MaxSignalsPerKind) + FollowRules.MaxFollowsPerReader).ToList())
            .ToListAsync(cancellationToken));

        var picked = explicitSignals.Where(s => s.Kind == ReaderSignalKind.PickedPaper)
            .Select(s => new PositiveRow(s.UserId, s.Target, s.CreatedAt, SignalKind.Picked)).ToList();
        var dismissedIds = explicitSignals.Where(s => s.Kind == ReaderSignalKind.NotInterested).Select(s => s.Target);
        var positives = upvoted.Concat(collected).Concat(authored).Concat(picked).ToList();
        var papers = await PapersAsync([.. positives.Select(p => p.PaperId), .. dismissedIds], cancellationToken);
        var positivesByReader = positives.ToLookup(p => p.UserId, StringComparer.Ordinal);
        var explicitByReader = explicitSignals.ToLookup(s => s.UserId, StringComparer.Ordinal);
        return ids.ToDictionary(
            id => id,
            id => Assemble(versions.GetValueOrDefault(id), positivesByReader[id], explicitByReader[id], papers),
            StringComparer.Ordinal);
    }

    /// <summary>What ranking needs of a catalog paper.</summary>
    public static CatalogPaper ToCatalogPaper(Paper paper) => new(
        paper.Id,
        paper.Title,
        DateOnly.FromDateTime(paper.PublishedAt.UtcDateTime),
        paper.Categories,
        paper.OrganizationName,
        [.. paper.Authors.Select(a => a.Name)],
        paper.Withdrawn);

    private static List<T> Flatten<T>(List<List<T>> groups) => [.. groups.SelectMany(g => g)];

    /// <summary>One positive per paper, oldest first; an upvote names it before a collection, a collection before authorship, authorship before a pick.</summary>
    private static ReaderSignals Assemble(long version, IEnumerable<PositiveRow> positives, IEnumerable<ReaderSignal> explicitSignals, Dictionary<string, CatalogPaper> papers)
    {
        var kept = positives.Where(p => papers.ContainsKey(p.PaperId))
            .OrderBy(p => p.Kind)
            .DistinctBy(p => p.PaperId, StringComparer.Ordinal)
            .OrderBy(p => p.At)
            .Select(p => new PositiveSignal(papers[p.PaperId], p.Kind))
            .ToList();
        var signals = explicitSignals.ToList();
        var notInterested = signals.Where(s => s.Kind == ReaderSignalKind.NotInterested && papers.ContainsKey(s.Target))
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .Select(s => papers[s.Target]).ToList();
        return new ReaderSignals(version, kept, notInterested, Follows(signals));
    }

    /// <summary>
    /// An archive follow (<c>cs</c>, <c>q-bio</c>) stands for itself and each of its categories: ranking matches
    /// categories exactly, and a paper's reason then names the category it is in ("In cs.CL, which you follow").
    /// </summary>
    private static ReaderFollows Follows(IEnumerable<ReaderSignal> signals)
    {
        var list = signals.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToList();
        List<string> Of(ReaderSignalKind kind) => [.. list.Where(s => s.Kind == kind).Select(s => s.Target)];
        var categories = Of(ReaderSignalKind.FollowCategory)
            .SelectMany(c => (IEnumerable<string>)[c, .. ArxivCategories.InArchive(c)])
            .Distinct(StringComparer.Ordinal).ToList();
        return new ReaderFollows(categories, Of(ReaderSignalKind.FollowOrganization), Of(ReaderSignalKind.FollowAuthor));
    }

    private async Task<Dictionary<string, CatalogPaper>> PapersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        var papers = new Dictionary<string, CatalogPaper>(StringComparer.Ordinal);
        foreach (var chunk in distinct.Chunk(500))
        {
            // Only what ranking reads: a digest batch names hundreds of papers, and abstracts are most of a row.
            var rows = await db.Papers.AsNoTracking().Where(p => chunk.Contains(p.Id))
                .Select(p => new { p.Id, p.Title, p.PublishedAt, p.Categories, p.OrganizationName, p.Authors, p.Withdrawn })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                papers[row.Id] = new CatalogPaper(row.Id, row.Title, DateOnly.FromDateTime(row.PublishedAt.UtcDateTime), row.Categories,
                    row.OrganizationName, [.. row.Authors.Select(a => a.Name)], row.Withdrawn);
            }
        }

        return papers;
    }
}

/// <summary>A row behind a positive signal, whichever table it comes from.</summary>
internal sealed record PositiveRow(string UserId, string PaperId, DateTimeOffset At, SignalKind Kind);
