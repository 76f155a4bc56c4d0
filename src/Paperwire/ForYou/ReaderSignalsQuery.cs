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

    public async Task<ReaderSignals> ReadAsync(string userId, CancellationToken cancellationToken)
    {
        // Read first: signals written after it carry a newer version, so a model trained here is retrained for them.
        var version = await db.ReaderProfiles.Where(p => p.UserId == userId).Select(p => p.SignalsVersion).FirstOrDefaultAsync(cancellationToken);

        var upvoted = await db.Votes.Where(v => v.UserId == userId)
            .OrderByDescending(v => v.CreatedAt).Take(MaxSignalsPerKind).Select(v => new { v.PaperId, At = v.CreatedAt }).ToListAsync(cancellationToken);
        var collected = await db.CollectionItems.Where(i => db.Collections.Any(c => c.Id == i.CollectionId && c.OwnerId == userId))
            .OrderByDescending(i => i.AddedAt).Take(MaxSignalsPerKind).Select(i => new { i.PaperId, At = i.AddedAt }).ToListAsync(cancellationToken);
        var authored = await db.AuthorshipClaims.Where(c => c.UserId == userId && c.Status == ClaimStatus.Verified)
            .OrderByDescending(c => c.CreatedAt).Take(MaxSignalsPerKind).Select(c => new { c.PaperId, At = c.CreatedAt }).ToListAsync(cancellationToken);
        var explicitSignals = await db.ReaderSignals.Where(s => s.UserId == userId)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take((2 * MaxSignalsPerKind) + FollowRules.MaxFollowsPerReader)
            .ToListAsync(cancellationToken);
        var dismissed = explicitSignals.Where(s => s.Kind == ReaderSignalKind.NotInterested).ToList();
        var picked = explicitSignals.Where(s => s.Kind == ReaderSignalKind.PickedPaper).Select(s => new { PaperId = s.Target, At = s.CreatedAt }).ToList();

        var papers = await PapersAsync([.. upvoted.Select(v => v.PaperId), .. collected.Select(c => c.PaperId), .. authored.Select(a => a.PaperId), .. picked.Select(p => p.PaperId), .. dismissed.Select(d => d.Target)], cancellationToken);

        // One positive per paper, oldest first; an upvote names it before a collection, a collection before authorship.
        var positives = upvoted.Select(v => (v.PaperId, v.At, Kind: SignalKind.Upvote))
            .Concat(collected.Select(c => (c.PaperId, c.At, Kind: SignalKind.Collected)))
            .Concat(authored.Select(a => (a.PaperId, a.At, Kind: SignalKind.Authored)))
            .Concat(picked.Select(p => (p.PaperId, p.At, Kind: SignalKind.Picked)))
            .Where(p => papers.ContainsKey(p.PaperId))
            .DistinctBy(p => p.PaperId, StringComparer.Ordinal)
            .OrderBy(p => p.At)
            .Select(p => new PositiveSignal(papers[p.PaperId], p.Kind))
            .ToList();
        var notInterested = dismissed.Where(d => papers.ContainsKey(d.Target)).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)
            .Select(d => papers[d.Target]).ToList();

        return new ReaderSignals(version, positives, notInterested, Follows(explicitSignals));
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
            foreach (var paper in await db.Papers.AsNoTracking().Where(p => chunk.Contains(p.Id)).ToListAsync(cancellationToken))
            {
                papers[paper.Id] = ToCatalogPaper(paper);
            }
        }

        return papers;
    }
}
