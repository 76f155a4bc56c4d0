using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Digests;
using Paperwire.Core.Papers;
using Paperwire.Search;
using Paperwire.Search.Hybrid;
using Paperwire.Search.Indexing;
using Paperwire.Storage;

namespace Paperwire.Digests;

/// <summary>The papers one subscriber gets, and a note for the mail when personal picks had to fall back.</summary>
public sealed record DigestSelection(IReadOnlyList<Paper> Papers, string? Note);

/// <summary>
/// Chooses each subscriber's papers from the period's feed: trending order, their category and organization
/// filters, their saved search, and for account holders who asked, personal picks (papers near, in meaning, to
/// what they upvoted or collected). Search results are reused for every subscriber of a run with the same query.
/// </summary>
public sealed class PaperSelection(PaperwireDbContext db, PaperSearch search, SearchIndexes indexes)
{
    public const string PicksUnavailable = "Personal picks need meaning search, which is not ready on this server yet; these are the trending papers within your filters.";

    private const int LikedPapersConsidered = 20;
    private const int NeighboursPerPaper = 50;
    private readonly Dictionary<string, IReadOnlyList<string>> searches = new(StringComparer.Ordinal);

    public async Task<DigestSelection> SelectAsync(DigestSubscription subscription, PeriodPapers period, CancellationToken cancellationToken)
    {
        IEnumerable<Paper> papers = period.Trending.Where(p => Matches(subscription, p));
        string? note = null;
        if (!string.IsNullOrWhiteSpace(subscription.SearchQuery))
        {
            var rank = SearchRanks(subscription.SearchQuery, period);
            papers = papers.Where(p => rank.ContainsKey(p.Id)).OrderBy(p => rank[p.Id]);
        }

        if (subscription.PersonalPicks && subscription.UserId is { } userId)
        {
            var closeness = await ClosenessAsync(userId, period, cancellationToken);
            if (closeness is null)
            {
                note = PicksUnavailable;
            }
            else
            {
                // Stable sort: papers equally close keep the order chosen so far (search rank or trending).
                papers = papers.OrderByDescending(p => closeness.GetValueOrDefault(p.Id));
            }
        }

        return new DigestSelection([.. papers.Take(subscription.PaperCount)], note);
    }

    private static bool Matches(DigestSubscription subscription, Paper paper) =>
        (subscription.Categories.Count == 0 || subscription.Categories.Any(c => paper.Categories.Any(pc => InCategory(pc, c))))
        && (subscription.Organizations.Count == 0 || subscription.Organizations.Contains(paper.OrganizationName ?? "", StringComparer.OrdinalIgnoreCase));

    /// <summary><c>cs</c> matches <c>cs.CL</c>; <c>cs.CL</c> matches only itself.</summary>
    private static bool InCategory(string paperCategory, string wanted) =>
        string.Equals(paperCategory, wanted, StringComparison.OrdinalIgnoreCase)
        || (!wanted.Contains('.') && paperCategory.StartsWith(wanted + ".", StringComparison.OrdinalIgnoreCase));

    private Dictionary<string, int> SearchRanks(string query, PeriodPapers period)
    {
        if (!searches.TryGetValue(query, out var found))
        {
            var outcome = search.Search(new SearchRequest(query, new SearchFilters { InDailyFeedOnly = true }, 0, search.MaxResults));
            found = [.. outcome.Results.Select(r => r.PaperId)];
            searches[query] = found;
        }

        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in found.Where(period.Ids.Contains))
        {
            rank.TryAdd(id, rank.Count);
        }

        return rank;
    }

    /// <summary>How close each paper of the period is to the user's upvotes and collections; null when vectors are not available.</summary>
    private async Task<Dictionary<string, double>?> ClosenessAsync(string userId, PeriodPapers period, CancellationToken cancellationToken)
    {
        if (!indexes.EmbeddingsEnabled || indexes.SemanticWarmingUp)
        {
            return null;
        }

        var voted = db.Votes.Where(v => v.UserId == userId).OrderByDescending(v => v.CreatedAt).Select(v => v.PaperId).Take(LikedPapersConsidered);
        var collected = db.CollectionItems.Where(i => db.Collections.Any(c => c.Id == i.CollectionId && c.OwnerId == userId))
            .OrderByDescending(i => i.AddedAt).Select(i => i.PaperId).Take(LikedPapersConsidered);
        var liked = (await voted.ToListAsync(cancellationToken)).Concat(await collected.ToListAsync(cancellationToken)).Distinct().ToList();
        var closeness = new Dictionary<string, double>(StringComparer.Ordinal);
        if (liked.Count == 0)
        {
            return closeness; // nothing to be close to yet: plain trending, and nothing to apologize for
        }

        var anyVector = false;
        foreach (var paperId in liked)
        {
            var neighbours = search.Similar(paperId, NeighboursPerPaper);
            anyVector |= neighbours.Count > 0;
            for (var i = 0; i < neighbours.Count; i++)
            {
                if (period.Ids.Contains(neighbours[i]))
                {
                    closeness[neighbours[i]] = closeness.GetValueOrDefault(neighbours[i]) + (1.0 / (i + 1));
                }
            }
        }

        return anyVector ? closeness : null;
    }
}
