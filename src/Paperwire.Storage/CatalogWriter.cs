using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Papers;
using Paperwire.Storage.Coordination;
using Paperwire.Storage.Embeddings;

namespace Paperwire.Storage;

/// <summary>What one batch did to the catalog.</summary>
public sealed record UpsertCounts(int Inserted, int Updated, int Unchanged)
{
    public static readonly UpsertCounts None = new(0, 0, 0);

    public static UpsertCounts operator +(UpsertCounts a, UpsertCounts b) =>
        new(a.Inserted + b.Inserted, a.Updated + b.Updated, a.Unchanged + b.Unchanged);
}

/// <summary>
/// The one way papers enter or change in the catalog: upsert by id in batches, one transaction per batch,
/// every inserted or changed paper stamped with a new change-sequence number, and every paper whose text or
/// withdrawn mark changed queued for embedding in the same transaction (so no change ever misses its vector).
/// </summary>
public sealed class CatalogWriter(PaperwireDbContext db, ChangeSequence sequence, EmbeddingWork embeddings)
{
    /// <summary>
    /// Upserts <paramref name="papers"/>. Catalog fields the source provides replace stored ones; community
    /// data (votes, comments, feed entry, organization) is only added, never removed. With
    /// <paramref name="mirrorsFeed"/> (demo corpus, Hugging Face import) upvote counts are taken from the source.
    /// </summary>
    public async Task<UpsertCounts> UpsertAsync(IReadOnlyList<Paper> papers, bool mirrorsFeed, CancellationToken cancellationToken)
    {
        if (papers.Count == 0)
        {
            return UpsertCounts.None;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ids = papers.Select(p => p.Id).Distinct().ToList();
            var stored = await db.Papers.Include(p => p.FeedEntry).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
            var organizations = await LoadOrganizationsAsync(papers, cancellationToken);
            var changed = new List<Paper>();
            var changedSet = new HashSet<Paper>(ReferenceEqualityComparer.Instance);
            var toEmbed = new List<string>();
            int inserted = 0, updated = 0, unchanged = 0;

            foreach (var incoming in papers)
            {
                if (!stored.TryGetValue(incoming.Id, out var existing))
                {
                    LinkOrganization(incoming, organizations);
                    db.Papers.Add(incoming);
                    stored[incoming.Id] = incoming;
                    changed.Add(incoming);
                    changedSet.Add(incoming);
                    toEmbed.Add(incoming.Id);
                    inserted++;
                }
                else if (Embedded(existing) is var before && PaperMerge.Apply(existing, incoming, mirrorsFeed, organizations))
                {
                    if (Embedded(existing) != before)
                    {
                        toEmbed.Add(existing.Id);
                    }

                    if (changedSet.Add(existing))
                    {
                        changed.Add(existing);
                    }

                    updated++;
                }
                else
                {
                    unchanged++;
                }
            }

            if (changed.Count > 0)
            {
                await sequence.LockPapersAsync([.. changed.Where(p => db.Entry(p).State != EntityState.Added).Select(p => p.Id)], cancellationToken);
                var next = await sequence.ReserveAsync(changed.Count, cancellationToken);
                foreach (var paper in changed)
                {
                    paper.ChangeSequence = next++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await embeddings.EnqueueAsync(toEmbed, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new UpsertCounts(inserted, updated, unchanged);
        });
    }

    /// <summary>What a paper's vector depends on: the text the model reads and whether the paper is withdrawn.</summary>
    private static (string Title, string Summary, bool Withdrawn) Embedded(Paper paper) => (paper.Title, paper.Summary, paper.Withdrawn);

    private async Task<Dictionary<string, Organization>> LoadOrganizationsAsync(IReadOnlyList<Paper> papers, CancellationToken cancellationToken)
    {
        var named = papers.Where(p => p.Organization is not null).Select(p => p.Organization!).DistinctBy(o => o.Name).ToList();
        if (named.Count == 0)
        {
            return [];
        }

        var names = named.Select(o => o.Name).ToList();
        var known = await db.Organizations.Where(o => names.Contains(o.Name)).ToDictionaryAsync(o => o.Name, cancellationToken);
        foreach (var (stored, incoming) in named.Where(o => known.ContainsKey(o.Name)).Select(o => (known[o.Name], o)))
        {
            // The source's display name and avatar win, so a mirror follows renames.
            stored.FullName = string.IsNullOrWhiteSpace(incoming.FullName) ? stored.FullName : incoming.FullName;
            stored.AvatarUrl = incoming.AvatarUrl ?? stored.AvatarUrl;
        }

        foreach (var organization in named.Where(o => !known.ContainsKey(o.Name)))
        {
            var created = new Organization { Name = organization.Name, FullName = organization.FullName, AvatarUrl = organization.AvatarUrl };
            db.Organizations.Add(created);
            known[created.Name] = created;
        }

        return known;
    }

    private static void LinkOrganization(Paper paper, Dictionary<string, Organization> organizations)
    {
        if (paper.Organization is { } organization)
        {
            paper.Organization = organizations[organization.Name];
        }
    }
}
