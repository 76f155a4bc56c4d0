using Paperwire.Core.Digests;
using Paperwire.Core.Papers;
using Paperwire.ForYou;
using Paperwire.Search;
using Paperwire.Search.Hybrid;

namespace Paperwire.Digests;

/// <summary>The papers one subscriber gets, and a note for the mail when personal picks had to fall back.</summary>
public sealed record DigestSelection(IReadOnlyList<Paper> Papers, string? Note);

/// <summary>
/// Chooses each subscriber's papers from the period's feed: trending order, their category and organization
/// filters, their saved search, and for account holders who asked, personal picks (their For-you model's order,
/// <see cref="DigestPicks"/>). Search results are reused for every subscriber of a run with the same query.
/// </summary>
public sealed class PaperSelection(PaperSearch search, DigestPicks picks)
{
    public const string PicksUnavailable = "Personal picks need meaning search, which is not ready on this server yet; these are the trending papers within your filters.";

    private readonly Dictionary<string, IReadOnlyList<string>> searches = new(StringComparer.Ordinal);

    /// <summary>Reads what the picks of the next batch of subscribers need in one go, before any of them is composed.</summary>
    public Task PrepareAsync(IEnumerable<DigestSubscription> batch, CancellationToken cancellationToken)
    {
        List<string> readers = [.. batch.Where(s => s.PersonalPicks && s.UserId is not null).Select(s => s.UserId!)];
        return readers.Count > 0 && picks.Available ? picks.PrepareAsync(readers, cancellationToken) : Task.CompletedTask;
    }

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
            var ordered = await picks.OrderAsync(userId, period.Period.End, period.Trending, [.. papers], cancellationToken);
            if (ordered is null)
            {
                note = PicksUnavailable;
            }
            else
            {
                papers = ordered;
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
}
