using Paperwire.Core.Papers;
using Paperwire.Search;
using Paperwire.Search.Hybrid;
using Paperwire.Storage;

namespace Paperwire.ForYou;

/// <summary>
/// "Papers like mine": the catalog papers whose byline names an author, as written on papers (case and spacing
/// aside). The keyword index finds candidates by the name as a phrase; the byline decides, so a paper that only
/// mentions the name in its abstract is not counted as theirs.
/// (The name goes in as words, not a quoted phrase: phrases only search titles and abstracts.)
/// </summary>
public sealed class AuthorPapers(PaperSearch search, PaperCatalog catalog)
{
    public async Task<IReadOnlyList<Paper>> FindAsync(string name, int limit, CancellationToken cancellationToken)
    {
        var wanted = Normalize(name);
        if (wanted.Length == 0)
        {
            return [];
        }

        var words = wanted.Replace('"', ' ');
        var found = search.Search(new SearchRequest(words, SearchFilters.None, 0, search.MaxResults, SearchMode.Keyword));
        var papers = await catalog.FindManyAsync([.. found.Results.Select(r => r.PaperId)], cancellationToken);
        return [.. papers
            .Where(p => !p.Withdrawn && p.Authors.Any(a => !a.Hidden && Normalize(a.Name).Equals(wanted, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(p => p.PublishedAt)
            .Take(limit)];
    }

    private static string Normalize(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
