using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Papers;

namespace Paperwire.Storage;

/// <summary>Reads and writes catalog papers and organizations.</summary>
public sealed class PaperCatalog(PaperwireDbContext db)
{
    /// <summary>The paper with its authors, organization and feed entry, or null.</summary>
    public Task<Paper?> FindAsync(string id, CancellationToken cancellationToken) => db.Papers
        .AsNoTracking()
        .Include(p => p.Organization)
        .Include(p => p.FeedEntry)
        .AsSplitQuery()
        .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    /// <summary>Papers by id with organization and feed entry, in the order of <paramref name="ids"/>; unknown ids are skipped.</summary>
    public async Task<IReadOnlyList<Paper>> FindManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var papers = await db.Papers
            .AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Include(p => p.Organization)
            .Include(p => p.FeedEntry)
            .AsSplitQuery()
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        return [.. ids.Where(papers.ContainsKey).Select(id => papers[id])];
    }

    /// <summary>An organization's papers, newest paper date first.</summary>
    public async Task<(IReadOnlyList<Paper> Papers, bool HasMore)> ListByOrganizationAsync(string name, int page, int limit, CancellationToken cancellationToken)
    {
        var papers = await db.Papers
            .AsNoTracking()
            .Where(p => p.OrganizationName == name)
            .OrderByDescending(p => p.PublishedAt).ThenBy(p => p.Id)
            .Skip(page * limit)
            .Take(limit + 1)
            .Include(p => p.Organization)
            .Include(p => p.FeedEntry)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return papers.Count > limit ? (papers[..limit], true) : (papers, false);
    }

    public Task<Organization?> FindOrganizationAsync(string name, CancellationToken cancellationToken) =>
        db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Name == name, cancellationToken);

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken) =>
        !await db.Papers.AnyAsync(cancellationToken);

}
