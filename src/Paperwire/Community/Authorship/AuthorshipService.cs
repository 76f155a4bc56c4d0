using Microsoft.EntityFrameworkCore;
using Paperwire.Community.Collections;
using Paperwire.Core.Community;
using Paperwire.Core.Papers;
using Paperwire.Storage;
using Paperwire.Storage.Readers;

namespace Paperwire.Community.Authorship;

/// <summary>A claim with what an admin needs to decide it.</summary>
public sealed record ClaimView(AuthorshipClaim Claim, string PaperTitle, string AuthorName);

/// <summary>
/// Authorship claims: a signed-in user says "this author entry is me"; an admin verifies or rejects. A verified
/// claim shows on the paper page and the user's profile. One verified user per author entry.
/// </summary>
public sealed class AuthorshipService(PaperwireDbContext db, PaperChanges changes, ReaderVersions readers, TimeProvider time)
{
    public async Task<Outcome<AuthorshipClaim>> ClaimAsync(string userId, string userName, string? paperInput, int authorIndex, CancellationToken cancellationToken)
    {
        if (!PaperId.TryNormalize(paperInput, out var paperId))
        {
            return Outcome.BadRequest("Invalid paper id", $"'{Api.ApiProblems.Shorten(paperInput)}' is not an arXiv id (2504.05299, hep-th/9901001) or a Paperwire id (pw-…).");
        }

        var authors = await db.Papers.AsNoTracking().Where(p => p.Id == paperId).Select(p => p.Authors).FirstOrDefaultAsync(cancellationToken);
        if (authors is null)
        {
            return Outcome.NotFound("Paper not found", $"No paper with id '{paperId}' is in the catalog.");
        }

        if (authorIndex < 0 || authorIndex >= authors.Count)
        {
            return Outcome.BadRequest("Invalid author index", authors.Count == 0
                ? $"Paper {paperId} has no named authors to claim."
                : $"authorIndex is the position in the byline, from 0 to {authors.Count - 1}.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.AuthorshipClaims.Where(c => c.PaperId == paperId && c.AuthorIndex == authorIndex
            && (c.UserId == userId || c.Status == ClaimStatus.Verified)).ToListAsync(cancellationToken);
        if (existing.Any(c => c.UserId == userId))
        {
            return Outcome.Conflict("Already claimed", $"You have already claimed author {authorIndex + 1} of {paperId}.");
        }

        if (existing.Count > 0)
        {
            return Outcome.Conflict("Already verified", $"Author {authorIndex + 1} of {paperId} is already verified for another user.");
        }

        var claim = new AuthorshipClaim
        {
            PaperId = paperId,
            AuthorIndex = authorIndex,
            UserId = userId,
            UserName = userName,
            Status = ClaimStatus.Pending,
            CreatedAt = time.GetUtcNow(),
        };
        db.AuthorshipClaims.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same claim sent twice at once: the unique (paper, author, user) index lets one through.
            return Outcome.Conflict("Already claimed", $"You have already claimed author {authorIndex + 1} of {paperId}.");
        }

        await transaction.CommitAsync(cancellationToken);
        return new Outcome<AuthorshipClaim>(Outcome.Ok, claim);
    }

    /// <summary>An admin's decision. Verifying needs the author entry to be free of another verified user.</summary>
    public async Task<Outcome<AuthorshipClaim>> DecideAsync(long claimId, bool verify, string adminName, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claim = await db.AuthorshipClaims.FirstOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null)
        {
            return Outcome.NotFound("Claim not found", $"There is no authorship claim {claimId}.");
        }

        var wasVerified = claim.Status == ClaimStatus.Verified;
        if (wasVerified != verify)
        {
            // A verified authorship is a positive signal of the author's personal model. First, so that locks are
            // taken in the order the author's own votes take them (reader, then paper).
            await readers.BumpAsync(claim.UserId, cancellationToken);
        }

        // Decisions on one paper queue behind each other (a no-op update locks the paper's row on PostgreSQL; SQLite
        // holds the write lock from BEGIN), so two admins cannot verify two users for one author entry at once.
        await db.Papers.Where(p => p.Id == claim.PaperId).ExecuteUpdateAsync(p => p.SetProperty(x => x.ChangeSequence, x => x.ChangeSequence), cancellationToken);
        var status = verify ? ClaimStatus.Verified : ClaimStatus.Rejected;
        if (verify && await db.AuthorshipClaims.AnyAsync(c => c.PaperId == claim.PaperId && c.AuthorIndex == claim.AuthorIndex
                && c.Status == ClaimStatus.Verified && c.Id != claim.Id, cancellationToken))
        {
            return Outcome.Conflict("Already verified", "Another user is already verified for this author entry; reject that claim first.");
        }

        claim.Status = status;
        claim.DecidedAt = time.GetUtcNow();
        claim.DecidedBy = adminName;
        await db.SaveChangesAsync(cancellationToken);
        if (wasVerified != verify)
        {
            await changes.MarkAsync([claim.PaperId], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await changes.EvictAsync(cancellationToken);
        return new Outcome<AuthorshipClaim>(Outcome.Ok, claim);
    }

    /// <summary>Pending claims, oldest first, with the paper title and the claimed author's name.</summary>
    public async Task<IReadOnlyList<ClaimView>> PendingAsync(int limit, CancellationToken cancellationToken)
    {
        var rows = await db.AuthorshipClaims.AsNoTracking()
            .Where(c => c.Status == ClaimStatus.Pending)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Take(limit)
            .Join(db.Papers, c => c.PaperId, p => p.Id, (c, p) => new { Claim = c, p.Title, p.Authors })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ClaimView(r.Claim, r.Title, r.Claim.AuthorIndex < r.Authors.Count ? r.Authors[r.Claim.AuthorIndex].Name : "?"))];
    }

    /// <summary>The user's claims on one paper (any status), by author position.</summary>
    public async Task<IReadOnlyList<AuthorshipClaim>> ClaimsOnPaperAsync(string paperId, CancellationToken cancellationToken) =>
        await db.AuthorshipClaims.AsNoTracking()
            .Where(c => c.PaperId == paperId)
            .OrderBy(c => c.AuthorIndex)
            .ToListAsync(cancellationToken);

    /// <summary>Papers the user is a verified author of, newest first.</summary>
    public async Task<IReadOnlyList<Paper>> AuthoredAsync(string userId, int limit, CancellationToken cancellationToken) =>
        await db.Papers.AsNoTracking()
            .Where(p => db.AuthorshipClaims.Any(c => c.PaperId == p.Id && c.UserId == userId && c.Status == ClaimStatus.Verified))
            .OrderByDescending(p => p.PublishedAt).ThenBy(p => p.Id)
            .Take(limit)
            .Include(p => p.Organization)
            .Include(p => p.FeedEntry)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
}
