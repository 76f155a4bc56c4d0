using Microsoft.EntityFrameworkCore;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Storage;
using Paperwire.Storage.Readers;

namespace Paperwire.Community.Collections;

/// <summary>What a user asks to change on a collection; null fields stay as they are (an empty description clears it).</summary>
public sealed record CollectionChange(string? Name, string? Description, bool? Public);

/// <summary>
/// Users' collections. Every write is checked against the owner: another user's private collection is "not found"
/// (its name must not leak), another user's public one is "not allowed". Nothing changes when a check fails.
/// </summary>
public sealed class CollectionService(PaperwireDbContext db, PaperChanges changes, ReaderVersions readers, TimeProvider time)
{
    /// <summary>
    /// The collection with its items (papers included) in order, if <paramref name="viewerId"/> may see it. A page binds
    /// a blank route value as null, so null and blank names find nothing rather than throw.
    /// </summary>
    public async Task<PaperCollection?> FindVisibleAsync(string? ownerName, string? slug, string? viewerId, CancellationToken cancellationToken)
    {
        if (!Core.Handle.IsValid(ownerName) || string.IsNullOrWhiteSpace(slug) || slug.Length > 80)
        {
            return null;
        }

        var collection = await db.Collections.AsNoTracking()
            .Include(c => c.Items).ThenInclude(i => i.Paper!).ThenInclude(p => p.Organization)
            .Include(c => c.Items).ThenInclude(i => i.Paper!).ThenInclude(p => p.FeedEntry)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.OwnerName == ownerName && c.Slug == slug, cancellationToken);
        if (collection is null || (!collection.IsPublic && collection.OwnerId != viewerId))
        {
            return null;
        }

        collection.Items = [.. collection.Items.OrderBy(i => i.Position).ThenBy(i => i.AddedAt)];
        return collection;
    }

    /// <summary>A user's collections (private ones only for the owner), most recently changed first, with item counts.</summary>
    public async Task<IReadOnlyList<(PaperCollection Collection, int Count)>> ListAsync(string ownerId, bool includePrivate, CancellationToken cancellationToken)
    {
        var rows = await db.Collections.AsNoTracking()
            .Where(c => c.OwnerId == ownerId && (includePrivate || c.IsPublic))
            .Select(c => new { Collection = c, Count = c.Items.Count })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.Collection.UpdatedAt).Select(r => (r.Collection, r.Count))];
    }

    /// <summary>Public collections holding a paper (for the paper page).</summary>
    public async Task<IReadOnlyList<PaperCollection>> PublicContainingAsync(string paperId, CancellationToken cancellationToken) =>
        await db.Collections.AsNoTracking()
            .Where(c => c.IsPublic && c.Items.Any(i => i.PaperId == paperId))
            .OrderBy(c => c.OwnerName).ThenBy(c => c.Name)
            .Take(50)
            .ToListAsync(cancellationToken);

    /// <summary>Ids of the user's collections that hold the paper.</summary>
    public async Task<IReadOnlySet<long>> OwnContainingAsync(string ownerId, string paperId, CancellationToken cancellationToken) =>
        (await db.CollectionItems.Where(i => i.PaperId == paperId && db.Collections.Any(c => c.Id == i.CollectionId && c.OwnerId == ownerId))
            .Select(i => i.CollectionId).ToListAsync(cancellationToken)).ToHashSet();

    public async Task<Outcome<PaperCollection>> CreateAsync(string ownerId, string ownerName, CollectionChange request, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return Outcome.BadRequest("Invalid collection", "A collection needs a name.");
        }

        if (CheckFields(name, request.Description) is { } invalid)
        {
            return invalid;
        }

        for (var attempt = 0; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // One owner's creates queue behind each other (a no-op update locks the owner's row on PostgreSQL; SQLite
            // holds the write lock from BEGIN), so the count and the free slug they read stay true until commit.
            await db.Users.Where(u => u.Id == ownerId).ExecuteUpdateAsync(u => u.SetProperty(x => x.JoinedAt, x => x.JoinedAt), cancellationToken);
            if (await db.Collections.CountAsync(c => c.OwnerId == ownerId, cancellationToken) >= CollectionRules.MaxCollectionsPerUser)
            {
                return Outcome.Conflict("Too many collections", $"A user can have at most {CollectionRules.MaxCollectionsPerUser} collections.");
            }

            var slug = CollectionRules.Slugify(name);
            var taken = (await db.Collections.Where(c => c.OwnerId == ownerId && (c.Slug == slug || c.Slug.StartsWith(slug + "-")))
                .Select(c => c.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var now = time.GetUtcNow();
            var collection = new PaperCollection
            {
                OwnerId = ownerId,
                OwnerName = ownerName,
                Slug = CollectionRules.Unique(slug, taken),
                Name = name,
                Description = NullIfEmpty(request.Description),
                IsPublic = request.Public ?? false,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Collections.Add(collection);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await changes.MarkAsync([], cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                await changes.EvictAsync(cancellationToken);
                return new Outcome<PaperCollection>(Outcome.Ok, collection);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The last word is the unique (owner, slug) index's: try the next number.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<Outcome<PaperCollection>> UpdateAsync(string userId, long id, CollectionChange request, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (request.Name is not null && string.IsNullOrEmpty(name))
        {
            return Outcome.BadRequest("Invalid collection", "A collection needs a name.");
        }

        if (CheckFields(name, request.Description) is { } invalid)
        {
            return invalid;
        }

        return await WriteAsync(userId, id, (collection, items) =>
        {
            collection.Name = name ?? collection.Name;
            collection.Description = request.Description is null ? collection.Description : NullIfEmpty(request.Description);
            collection.IsPublic = request.Public ?? collection.IsPublic;
            return Outcome.Ok;
        }, cancellationToken);
    }

    public async Task<Outcome<PaperCollection>> DeleteAsync(string userId, long id, CancellationToken cancellationToken) =>
        await WriteAsync(userId, id, (collection, items) =>
        {
            db.Collections.Remove(collection);
            return Outcome.Ok;
        }, cancellationToken);

    public async Task<Outcome<PaperCollection>> AddItemAsync(string userId, long id, string? paper, string? note, CancellationToken cancellationToken)
    {
        if (!PaperId.TryNormalize(paper, out var paperId))
        {
            return Outcome.BadRequest("Invalid paper id", $"'{Api.ApiProblems.Shorten(paper)}' is not an arXiv id (2504.05299, hep-th/9901001) or a Paperwire id (pw-…).");
        }

        if (CollectionRules.CheckText(note, CollectionRules.MaxNoteLength, "note") is { } problem)
        {
            return Outcome.BadRequest("Invalid note", problem);
        }

        if (!await db.Papers.AnyAsync(p => p.Id == paperId, cancellationToken))
        {
            return Outcome.NotFound("Paper not found", $"No paper with id '{paperId}' is in the catalog.");
        }

        return await WriteAsync(userId, id, (collection, items) =>
        {
            if (items.Any(i => i.PaperId == paperId))
            {
                return Outcome.Conflict("Already in the collection", $"Paper {paperId} is already in this collection.");
            }

            if (items.Count >= CollectionRules.MaxItemsPerCollection)
            {
                return Outcome.Conflict("Collection is full", $"A collection holds at most {CollectionRules.MaxItemsPerCollection} papers.");
            }

            var item = new CollectionItem { CollectionId = collection.Id, PaperId = paperId, Position = items.Count, Note = NullIfEmpty(note), AddedAt = time.GetUtcNow() };
            db.CollectionItems.Add(item);
            items.Add(item);
            return Outcome.Ok;
        }, cancellationToken, touch: paperId);
    }

    /// <summary>
    /// Appends the catalog papers <paramref name="paperIds"/> (in order) that the collection does not hold yet, all or
    /// none: a collection that would pass <see cref="CollectionRules.MaxItemsPerCollection"/> takes none of them.
    /// <paramref name="added"/> receives the ids that were appended.
    /// </summary>
    public async Task<Outcome<PaperCollection>> AddItemsAsync(string userId, long id, IReadOnlyList<string> paperIds, List<string> added, CancellationToken cancellationToken) =>
        await WriteAsync(userId, id, (collection, items) =>
        {
            added.Clear();
            var held = items.Select(i => i.PaperId).ToHashSet(StringComparer.Ordinal);
            added.AddRange(paperIds.Distinct(StringComparer.Ordinal).Where(held.Add));
            if (items.Count + added.Count > CollectionRules.MaxItemsPerCollection)
            {
                return Outcome.Conflict("Collection is full", $"The collection holds {items.Count} papers and the file adds {added.Count}; a collection holds at most {CollectionRules.MaxItemsPerCollection}. Nothing was imported.");
            }

            var now = time.GetUtcNow();
            foreach (var paperId in added)
            {
                var item = new CollectionItem { CollectionId = collection.Id, PaperId = paperId, Position = items.Count, AddedAt = now };
                db.CollectionItems.Add(item);
                items.Add(item);
            }

            return Outcome.Ok;
        }, cancellationToken, touched: paperIds);

    public async Task<Outcome<PaperCollection>> RemoveItemAsync(string userId, long id, string? paper, CancellationToken cancellationToken)
    {
        if (!PaperId.TryNormalize(paper, out var paperId))
        {
            return Outcome.BadRequest("Invalid paper id", $"'{Api.ApiProblems.Shorten(paper)}' is not a paper id.");
        }

        return await WriteAsync(userId, id, (collection, items) =>
        {
            var item = items.FirstOrDefault(i => i.PaperId == paperId);
            if (item is null)
            {
                return Outcome.NotFound("Not in the collection", $"Paper {paperId} is not in this collection.");
            }

            db.CollectionItems.Remove(item);
            items.Remove(item);
            Renumber(items);
            return Outcome.Ok;
        }, cancellationToken, touch: paperId);
    }

    /// <summary>Moves a paper to <paramref name="position"/> (0 is first) and/or sets its note (empty clears it).</summary>
    public async Task<Outcome<PaperCollection>> UpdateItemAsync(string userId, long id, string? paper, int? position, string? note, CancellationToken cancellationToken)
    {
        if (!PaperId.TryNormalize(paper, out var paperId))
        {
            return Outcome.BadRequest("Invalid paper id", $"'{Api.ApiProblems.Shorten(paper)}' is not a paper id.");
        }

        if (CollectionRules.CheckText(note, CollectionRules.MaxNoteLength, "note") is { } problem)
        {
            return Outcome.BadRequest("Invalid note", problem);
        }

        return await WriteAsync(userId, id, (collection, items) =>
        {
            var item = items.FirstOrDefault(i => i.PaperId == paperId);
            if (item is null)
            {
                return Outcome.NotFound("Not in the collection", $"Paper {paperId} is not in this collection.");
            }

            if (position is { } to)
            {
                if (to < 0 || to >= items.Count)
                {
                    return Outcome.BadRequest("Invalid position", $"The position must be from 0 to {items.Count - 1}.");
                }

                items.Remove(item);
                items.Insert(to, item);
                Renumber(items);
            }

            if (note is not null)
            {
                item.Note = NullIfEmpty(note);
            }

            return Outcome.Ok;
        }, cancellationToken, touch: paperId);
    }

    /// <summary>
    /// Loads the collection for its owner inside one transaction, applies <paramref name="change"/>, and commits
    /// only when it succeeded. The first statement updates the collection row, so concurrent writes to one
    /// collection queue behind each other (PostgreSQL row lock; SQLite takes the write lock at BEGIN).
    /// </summary>
    private async Task<Outcome<PaperCollection>> WriteAsync(
        string userId, long id, Func<PaperCollection, List<CollectionItem>, Outcome> change, CancellationToken cancellationToken, string? touch = null, IReadOnlyList<string>? touched = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Collected papers are positive signals of the owner's personal model (only the owner's write can succeed).
        // Not every write changes which papers are collected (a rename, a note), but a needless bump costs one
        // retraining and a missed one a stale model. First, so that locks are taken in the order votes take them.
        await readers.BumpAsync(userId, cancellationToken);
        var now = time.GetUtcNow();
        await db.Collections.Where(c => c.Id == id).ExecuteUpdateAsync(c => c.SetProperty(x => x.UpdatedAt, now), cancellationToken);
        var collection = await db.Collections.Include(c => c.Items).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (collection is null || (collection.OwnerId != userId && !collection.IsPublic))
        {
            return Outcome.NotFound("Collection not found", $"There is no collection {id}.");
        }

        if (collection.OwnerId != userId)
        {
            return Outcome.Forbidden("Only its owner can change a collection.");
        }

        var wasPublic = collection.IsPublic;
        var items = collection.Items.OrderBy(i => i.Position).ThenBy(i => i.AddedAt).ToList();
        var outcome = change(collection, items);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        collection.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);

        // The paper pages list public collections: a change to a public collection (or to its visibility) shows on
        // every paper in it; a private collection's change shows only on the paper added, moved or removed.
        IReadOnlyList<string> named = [.. touched ?? [], .. touch is null ? [] : new[] { touch }];
        IReadOnlyCollection<string> marked = wasPublic || collection.IsPublic
            ? [.. items.Select(i => i.PaperId).Concat(named).Distinct(StringComparer.Ordinal)]
            : [.. named.Distinct(StringComparer.Ordinal)];
        await changes.MarkAsync(marked, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.EvictAsync(cancellationToken);
        collection.Items = items;
        return new Outcome<PaperCollection>(outcome, collection);
    }

    private static Outcome? CheckFields(string? name, string? description) =>
        CollectionRules.CheckText(name, CollectionRules.MaxNameLength, "name") is { } badName ? Outcome.BadRequest("Invalid collection", badName)
        : CollectionRules.CheckText(description, CollectionRules.MaxDescriptionLength, "description") is { } badDescription ? Outcome.BadRequest("Invalid collection", badDescription)
        : null;

    private static void Renumber(List<CollectionItem> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            items[i].Position = i;
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
